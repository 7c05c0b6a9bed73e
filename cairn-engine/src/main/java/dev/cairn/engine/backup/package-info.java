/**
 * Backup: {@link dev.cairn.engine.backup.Archiver} walks source paths and writes a snapshot.
 *
 * <pre>
 * 1. pick the parent snapshot (same host and paths) and take a shared lock
 * 2. walk directories depth-first; per directory, read files on the reader pool:
 *      unchanged (size, mtime, ctime, inode equal to the parent's node, blobs still indexed) → reuse the parent's blob ids
 *      otherwise → read, cut with the keyed FastCDC chunker, save each chunk (dedup by HMAC id; sealing is asynchronous)
 * 3. save one tree blob per directory once its entries are done
 * 4. commit: finish packs → write index → write the snapshot (the only thing that makes the backup visible)
 * </pre>
 * Not guaranteed: a file modified while it is read is stored as read (no point-in-time view without a file system snapshot).
 */
package dev.cairn.engine.backup;
