/**
 * Index files and the merged index (spec §Index, §Local index cache; ADR 20). {@link dev.cairn.engine.index.MasterIndex} is
 * the merged view: sorted runs of fixed-size entries on local disk ({@code IndexRun}, written by {@code RunBuilder} through
 * the stable external {@code RecordSorter}, merged by {@code MergePolicy}), found and rebuilt by
 * {@link dev.cairn.engine.index.IndexCache}, plus a small in-heap overlay. {@link dev.cairn.engine.index.IndexDocuments}
 * decodes index files one pack at a time; {@link dev.cairn.engine.index.PackListing} groups them by pack for check.
 */
package dev.cairn.engine.index;
