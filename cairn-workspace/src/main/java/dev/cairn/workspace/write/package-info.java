/**
 * The write path of a workspace (ADR 12, ADR 15 decision 7): every write is a unit run by
 * {@link dev.cairn.workspace.write.WriteTx#run} inside a transaction that locks the workspace's row and appends to the
 * change log {@code ws_changes}; the units of one workspace queue in its lane and a committer runs up to 48 of them in
 * one transaction behind savepoints (group commit). Knows nothing of tables or records: the parts that write bring
 * their own bodies.
 */
package dev.cairn.workspace.write;
