/**
 * Content-defined chunking: splits file contents into chunks whose boundaries follow the content, so that an edit
 * changes only the chunks around it and everything else deduplicates.
 *
 * <p>Entry points: {@link dev.cairn.engine.chunk.Chunkers#create} by persisted name, returning a
 * {@link dev.cairn.engine.chunk.Chunker}; {@link dev.cairn.engine.chunk.ChunkerSpec} names the parameters.
 *
 * <p>Algorithm sketch (normative text: {@code docs/spec/chunker.md}; golden cut points:
 * {@code cairn-engine/src/test/resources/vectors/chunker/}). FastCDC keeps a 64-bit gear hash
 * {@code h = (h << 1) + gear[byte]}, so {@code h} depends on the last 64 bytes only. A chunk ends after the first byte
 * at which {@code h & mask == 0}, looking no earlier than {@code min} bytes into the chunk (the first {@code min - 64}
 * bytes are skipped unread) and cutting at {@code max} if nothing matched. Normalized chunking uses a harder mask
 * (more bits) before {@code avg} and an easier one after it, which narrows the size distribution. The gear table is
 * derived from a per-repository secret with HMAC-SHA-256, so an attacker who does not hold the secret cannot predict
 * cut points (chunk sizes would otherwise fingerprint known files).
 */
package dev.cairn.engine.chunk;
