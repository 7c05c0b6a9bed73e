package dev.cairn.server.quota;

/** A tenant's usage in bytes: committed {@code storedBytes}, {@code reservedBytes} of uploads in flight, and its quota (null: unlimited). */
public record Usage(long storedBytes, long reservedBytes, Long quotaBytes) {
}
