/**
 * Share links (issue 5; ADR 13): a saved report sent to the workspace's own customers as a read-only link with an
 * unguessable token, optional expiry, optional passphrase and optional restriction to one referenced row, revocable,
 * with every access logged for the workspace.
 *
 * <p>Entry point: {@link dev.cairn.workspace.shares.ShareService}. Tokens are 256 random bits shown once and stored only
 * as SHA-256; passphrases are Argon2id hashes, guesses are throttled per link; a browser that gave the passphrase
 * carries a random unlock secret whose hash is stored for a limited time. The result is always computed live by the
 * database through {@link dev.cairn.workspace.reports.ReportService} with the link's restriction added server-side.
 * No class here depends on HTTP.
 */
package dev.cairn.workspace.shares;
