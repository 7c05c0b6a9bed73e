/**
 * A consistent read of one whole workspace at one point of its change log (the cut: {@code ws_changes.seq}), while
 * writes go on: tables with their definitions, every row streamed, members, report and share definitions (no secrets),
 * and the change log up to the cut. What the onsite export reads. Entry point:
 * {@link dev.cairn.workspace.snapshot.WorkspaceSnapshots}. Knows no HTTP.
 */
package dev.cairn.workspace.snapshot;
