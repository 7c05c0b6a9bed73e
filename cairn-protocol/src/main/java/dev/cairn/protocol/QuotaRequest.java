package dev.cairn.protocol;

/** Admin: sets an account's quota override in bytes (null = take the plan's) and/or its plan. */
public record QuotaRequest(Long quotaBytes, String plan) {
}
