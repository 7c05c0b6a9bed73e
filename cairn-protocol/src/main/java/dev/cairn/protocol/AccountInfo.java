package dev.cairn.protocol;

/** An account as its owner or an admin sees it; {@code quotaBytes} is null when unlimited. */
public record AccountInfo(String name, String email, boolean admin, String status, String plan, Long quotaBytes, long usageBytes) {
}
