/**
 * {@code cairn mount --webdav}: a repository's snapshots served read-only over WebDAV (RFC 4918 class 1: OPTIONS,
 * PROPFIND with depth 0 or 1, GET and HEAD with single byte ranges), decrypted in this process only. The namespace is
 * {@code /snapshots/<time>/…} (short and full ids resolve as aliases), {@code /latest/…} and {@code /hosts/<host>/<time>/…};
 * {@link dev.cairn.agent.mount.DavServer} is the entry point. No terminal output: the CLI command prints what it reports.
 * Decisions: docs/adr/0034-webdav-mount.md.
 */
package dev.cairn.agent.mount;
