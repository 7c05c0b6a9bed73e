package dev.cairn.engine.chunk;

/**
 * Finds content-defined cut points: splits a byte stream into chunks whose boundaries depend only on the content (and
 * the chunker's secret), so an insertion or deletion changes only the chunks around it.
 *
 * <p>Usage: keep a buffer holding at least {@code spec().maxSize()} bytes of the stream (or everything left, near the
 * end), call {@link #nextChunkLength}, emit that many bytes as a chunk, advance, repeat until the stream is consumed.
 *
 * <p>Implementations are immutable and thread-safe; a call keeps no state between calls (the rolling hash restarts at
 * every chunk), so one instance can serve many streams concurrently. Obtain one from {@link Chunkers#create}.
 */
public interface Chunker {

    /** The parameters this chunker was created with. */
    ChunkerSpec spec();

    /**
     * Returns the length of the chunk that starts at {@code buf[off]}.
     *
     * <p>The caller passes {@code len >= spec().maxSize()}, unless the stream ends within {@code len} bytes, in which
     * case {@code len} is exactly the number of bytes left. A {@code len} below the maximum is therefore taken as the end
     * of the stream: a tail that holds no cut point becomes one final chunk, which may be shorter than
     * {@code spec().minSize()}. The cut depends only on the bytes from {@code off} on, never on {@code off} itself or on
     * bytes before it, and a cut found within a shorter {@code len} is the same cut a longer {@code len} would find.
     *
     * @param buf the stream bytes; not modified and not retained
     * @param off index of the chunk's first byte
     * @param len bytes available from {@code off}, at least 1
     * @return the chunk length in bytes, in {@code [1, len]} and at most {@code spec().maxSize()}
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie within {@code buf}
     * @throws IllegalArgumentException if {@code len} is 0
     */
    int nextChunkLength(byte[] buf, int off, int len);
}
