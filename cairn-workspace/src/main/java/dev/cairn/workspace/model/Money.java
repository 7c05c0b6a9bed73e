package dev.cairn.workspace.model;

import java.math.BigDecimal;

/** A money value: an exact amount and its ISO 4217 currency. */
public record Money(BigDecimal amount, String currency) implements Value {
}
