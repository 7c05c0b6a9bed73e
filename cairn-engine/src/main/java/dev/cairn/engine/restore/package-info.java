/**
 * Restoring snapshots into a local directory: {@link dev.cairn.engine.restore.Restorer}.
 *
 * <h2>Algorithm</h2>
 * <pre>
 *   plan:    walk the snapshot's trees from the root (one tree blob read each); validate every node name; apply the
 *            include/exclude filter; list directories (pre-order), files and symlinks; note blobs needed more than once
 *   start:   listener.start(files, bytes); report the problems found while planning
 *   dirs:    create each directory (parents first), owner-only for now; replace a file or symlink in the way
 *   files:   on workers, at most 4 × workers files in flight:
 *              lay out the file from the index (blob → pack, offset, length; plaintext offset in the file)
 *              if the target already holds exactly this content (chunk-by-chunk id check): apply metadata, done
 *              create "&lt;name&gt;.cairn-partial" with the final size; split the blob list into segments (large files)
 *              for each segment, on its own worker:
 *                  for each blob not yet written: a cached duplicate is written from memory; otherwise the run of
 *                  following blobs that lie back to back in the same pack is fetched with ONE ranged read, each blob is
 *                  opened (authenticated, decompressed, id-checked) and written at its offset with a positional write
 *              last segment done: metadata (owner as root, mode, mtime), then rename over the final name
 *   links:   create the symlinks with their stored targets; owner and mtime without following them
 *   verify:  (optional) re-read each completed file and check every chunk against its blob id
 *   finish:  directory metadata, deepest first, so that children's writes and read-only modes do not interfere
 * </pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Nothing is created or modified outside the target: names that are empty, {@code .}, {@code ..}, contain {@code /}
 *       or NUL, or repeat within a directory are refused (reported as {@link dev.cairn.engine.repo.CorruptDataException});
 *       a file or symlink found where a directory must go is removed and replaced by a real directory, so no write
 *       traverses a symlink; partial files are created exclusively ({@code O_CREAT|O_EXCL}, which never follows a symlink)
 *       and renamed into place, which replaces a symlink rather than following it; symlinks are created last and never
 *       followed.</li>
 *   <li>A file appears under its final name only complete and with its metadata. A file with damaged or missing blobs is
 *       reported once and left as {@code <name>.cairn-partial} (other blobs written, damaged ranges zero), beside any older
 *       file of that name, which is kept. An interrupted restore leaves at worst such partial files; running it again
 *       rewrites only files whose content differs.</li>
 *   <li>Memory is bounded: at most {@code workers} ranged reads (each at most 4 MiB or one blob) and a 4 MiB duplicate
 *       cache, plus the plan.</li>
 * </ul>
 *
 * <h2>Not guaranteed</h2>
 * <ul>
 *   <li>The plan (every selected node, with its blob ids) is held in memory: memory grows with the number of files and blobs
 *       selected, as in restic.</li>
 *   <li>No protection against another process changing the target while the restore runs (path checks are not atomic with
 *       the writes that follow them).</li>
 *   <li>Blobs of one file are not written in order; the file system sees out-of-order writes into a file that already has
 *       its final size. Sparse regions are not recreated: zeros are written as data.</li>
 *   <li>Symlink targets are restored as Java paths, so redundant and trailing slashes are dropped. Symlinks get no mode
 *       (Linux has none). Owners are restored only when running as root and only by name; extended attributes, ACLs,
 *       access and change times, hard links and special files are not restored.</li>
 *   <li>Entries in the target that are not in the snapshot are not deleted; names ending in {@code .cairn-partial} next
 *       to restored files belong to cairn and may be overwritten.</li>
 *   <li>Reads are ordered by file, not by pack: a pack holding blobs of many files is read once per run of blobs, not once.</li>
 * </ul>
 */
package dev.cairn.engine.restore;
