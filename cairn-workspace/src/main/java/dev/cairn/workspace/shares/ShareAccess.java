package dev.cairn.workspace.shares;

import java.time.Instant;

/**
 * One request to a share link: when, what became of it, what was asked for ({@code html}, {@code csv}, {@code pdf}
 * or {@code passphrase}), the client's address and its (trimmed) user agent.
 */
public record ShareAccess(Instant at, ShareOutcome outcome, String what, String client, String userAgent) {
}
