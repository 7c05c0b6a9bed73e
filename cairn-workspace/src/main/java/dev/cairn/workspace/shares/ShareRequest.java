package dev.cairn.workspace.shares;

import java.time.Instant;

/**
 * A new share link: the report (id), and optionally when it stops working, a passphrase (8-1024 characters; empty
 * means none) and the one referenced row it is restricted to.
 */
public record ShareRequest(Long report, Instant expiresAt, String passphrase, Share.FixedTo fixedTo) {
}
