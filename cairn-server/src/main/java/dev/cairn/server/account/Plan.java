package dev.cairn.server.account;

/** A plan: the default quota of its accounts ({@code quotaBytes} null: unlimited) and how many accounts are on it. */
public record Plan(String name, Long quotaBytes, long accounts) {
}
