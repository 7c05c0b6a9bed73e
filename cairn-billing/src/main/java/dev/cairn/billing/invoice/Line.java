package dev.cairn.billing.invoice;

/**
 * One line item: its kind ({@code plan}, {@code storage}, {@code egress}, {@code credit}, {@code tax},
 * {@code correction}), a description for people, the exact quantity as text, and the amount in minor units, rounded
 * once (half to even) from its exact value.
 */
public record Line(String kind, String description, String quantity, long amountMinor) {
}
