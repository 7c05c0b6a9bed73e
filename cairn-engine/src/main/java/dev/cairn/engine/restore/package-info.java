/**
 * Restoring snapshots into a local directory: {@link dev.cairn.engine.restore.Restorer}.
 *
 * <h2>Algorithm</h2>
 * <pre>
 *   count:   listener.start(files, bytes): from the snapshot's summary, or (with a filter) by walking the selected trees once
 *   walk:    depth-first through the snapshot's trees, one part of one tree per level in memory; validate every node
 *            name; apply the include/exclude filter; hand each entry on as it is read (nothing is collected):
 *   dirs:    create each directory as it is reached (parents first), owner-only for now; replace a file or symlink in the way
 *   files:   on workers, at most 4 × workers files (plus two batches) in flight (the walk waits for a free slot);
 *            files are gathered in walk order into batches (2048 files or 256 MiB; a large file is one batch's member
 *            like any other): a batch lays out its files as below, sorts the blobs they need by pack and offset, and
 *            reads each pack's needed blobs with ONE streamed ranged read (up to 64 MiB, spanning gaps of up to 4 MiB),
 *            the packs on several workers at once; each blob is read into the worker's buffer as it arrives, opened
 *            (authenticated, decompressed, id-checked) once and written at its offset into every file that uses it
 *            (positional writes; a file is created with its final size at its first write); a stream that breaks off
 *            is resumed from the blob it broke in. Per file:
 *              lay out the file from the index (blob → pack, offset, length; plaintext offset in the file)
 *              if the target already holds exactly this content (chunk-by-chunk id check): apply metadata, done
 *              in a directory this restore created, nothing can be in the way: no check of the target at all
 *              write into "&lt;name&gt;.cairn-partial" (or the final name when nothing is there); cached duplicates
 *              are written from memory
 *              last blob written: metadata (owner as root, mode, mtime) through the still open file, close, then
 *              rename over the final name (a small new file: open, pwrite, fchown, fchmod, futimens, close; see
 *              NativeFiles; without native access the same through NIO, which costs about twice the system calls)
 *            (A file-by-file mode, segments of back-to-back blobs per file, remains for tests of the knobs.)
 *              verify (optional): re-read the completed file and check every chunk against its blob id
 *   links:   create each symlink with its stored target; owner and mtime without following them
 *   finish:  a directory's metadata once everything inside it is done (so deepest first), so that children's writes and
 *            read-only modes do not interfere
 * </pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Nothing is created or modified outside the target: names that are empty, {@code .}, {@code ..}, contain {@code /}
 *       or NUL, or repeat within a directory are refused (reported as {@link dev.cairn.engine.repo.CorruptDataException});
 *       a file or symlink found where a directory must go is removed and replaced by a real directory, so no write
 *       traverses a symlink; partial files are created exclusively ({@code O_CREAT|O_EXCL}, which never follows a symlink)
 *       and renamed into place, which replaces a symlink rather than following it; symlinks are never followed, and a
 *       name is unique within its directory, so no entry is both a symlink and a directory.</li>
 *   <li>A file appears under its final name only complete and with its metadata. A file with damaged or missing blobs is
 *       reported once and left as {@code <name>.cairn-partial} (other blobs written, damaged ranges zero), beside any older
 *       file of that name, which is kept. An interrupted restore leaves at worst such partial files; running it again
 *       rewrites only files whose content differs.</li>
 *   <li>Memory is bounded and does not grow with the snapshot: per worker one sealed blob and its plaintext (reads are
 *       streamed, whatever their length) plus the HTTP client's read-ahead, a 4 MiB duplicate cache with 1 MiB of
 *       sighting bits, the layouts of the files in flight, and one part of one tree per directory level (a duplicate
 *       blob is read once more than needed before it is known to repeat).</li>
 * </ul>
 *
 * <h2>Not guaranteed</h2>
 * <ul>
 *   <li>No protection against another process changing the target while the restore runs (path checks are not atomic with
 *       the writes that follow them).</li>
 *   <li>Blobs of one file are not written in order; the file system sees out-of-order writes into a file that already has
 *       its final size. Sparse regions are not recreated: zeros are written as data.</li>
 *   <li>Symlink targets are restored as Java paths, so redundant and trailing slashes are dropped. Symlinks get no mode
 *       (Linux has none). Owners are restored only when running as root and only by name; extended attributes, ACLs,
 *       access and change times, hard links and special files are not restored.</li>
 *   <li>Entries in the target that are not in the snapshot are not deleted; names ending in {@code .cairn-partial} next
 *       to restored files belong to cairn and may be overwritten.</li>
 *   <li>Files are read by pack only within a batch: a pack whose blobs belong to files of two batches is read twice (in
 *       part each time); needed blobs more than 4 MiB apart in a pack take two reads.</li>
 * </ul>
 */
package dev.cairn.engine.restore;
