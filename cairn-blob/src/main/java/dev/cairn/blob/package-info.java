/**
 * Storage of immutable named objects: the bottom layer of cairn. Nothing here knows about packs, encryption or
 * repositories, and this package depends on the JDK only.
 *
 * <h2>Contract</h2>
 * {@link dev.cairn.blob.BlobStore} stores objects named by a {@link dev.cairn.blob.BlobName} (a
 * {@link dev.cairn.blob.BlobKind} plus a hex id). Every store must:
 * <ul>
 *   <li>make a put atomic (whole object or nothing, even across a crash) and never overwrite: a second put of a name
 *       fails with {@link dev.cairn.blob.BlobAlreadyExistsException}, and of racing puts exactly one wins;</li>
 *   <li>leave nothing visible after a failed put (short stream, I/O error, full disk);</li>
 *   <li>serve whole and ranged reads ({@link java.io.EOFException} for a range past the end), stat, list by kind
 *       and delete, with {@link dev.cairn.blob.BlobNotFoundException} for absent objects;</li>
 *   <li>be thread-safe;</li>
 *   <li>throw {@link dev.cairn.blob.TransientBlobStoreException} exactly for failures a retry may fix.</li>
 * </ul>
 * {@code dev.cairn.testkit.BlobStoreContract} (cairn-testkit) checks all of this, and every store must pass it.
 *
 * <h2>Stores and decorators</h2>
 * {@link dev.cairn.blob.LocalBlobStore} keeps objects in a directory; {@link dev.cairn.blob.MemoryBlobStore} in memory
 * (the reference behaviour). Features are decorators, each a {@link dev.cairn.blob.ForwardingBlobStore}:
 * {@link dev.cairn.blob.RetryingBlobStore}, {@link dev.cairn.blob.ThrottlingBlobStore},
 * {@link dev.cairn.blob.MeteringBlobStore} and {@link dev.cairn.blob.ReadOnlyBlobStore}. A typical client stack, outermost
 * first: metering, throttling, retrying, then the store, so that retried bytes are paced and metering sees one request
 * per call.
 *
 * <h2>Opening by location</h2>
 * {@link dev.cairn.blob.BlobStores#open(String)} maps a path or URI to a store; other modules add schemes by
 * implementing {@link dev.cairn.blob.BlobStoreProvider} and registering it as a {@link java.util.ServiceLoader} service.
 *
 * <h2>Time</h2>
 * Whatever reads the clock or waits takes an {@link java.time.InstantSource} and a {@link dev.cairn.blob.Sleeper}, so
 * tests run without waiting; only the convenience overloads without them use the system clock and real sleeping.
 */
package dev.cairn.blob;
