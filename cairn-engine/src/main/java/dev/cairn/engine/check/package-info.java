/**
 * {@code cairn check}: verifies a repository's invariants and reports severity-tagged {@link dev.cairn.engine.check.Finding}s
 * that say what is wrong, which snapshots it affects and what the user can do.
 *
 * <p>Entry point: {@link dev.cairn.engine.check.Checker#create}. How it works: the index files are re-read independently of
 * the repository's own merged index; the snapshot walk loads each reachable tree once and keeps, per tree, the blob ids it
 * references; from that graph it derives the set of blobs each snapshot needs, which is how a damaged pack, tree or blob is
 * mapped to the snapshots it breaks. Pack headers are then compared with the index, and with read-data the selected packs
 * are read whole. Nothing here writes to the repository, and nothing prints.
 */
package dev.cairn.engine.check;
