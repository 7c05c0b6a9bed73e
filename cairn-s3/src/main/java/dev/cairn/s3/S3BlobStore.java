package dev.cairn.s3;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlobStore} in a bucket of any S3-compatible object store (AWS S3, MinIO, Ceph RGW, S3Proxy, …), below an
 * optional key prefix, in the same key layout as the local store (see {@link S3Keys}). Opened by {@code s3:} locations
 * through {@link S3BlobStoreProvider}.
 *
 * <ul>
 *   <li>put streams: one conditional PUT up to 16 MiB, a multipart upload above (16 MiB parts; memory stays flat), both
 *       with {@code If-None-Match: *}, so a name is never overwritten and of racing puts exactly one wins. A failed or
 *       short upload leaves nothing visible (a multipart upload is aborted). The store needs an S3 service that honours
 *       conditional writes (AWS S3 since 2024, MinIO, S3Proxy 4).</li>
 *   <li>ranged get is one request ({@code Range: bytes=a-b}); a range past the end is an {@link EOFException} when
 *       opening. A zero-length range costs one HEAD.</li>
 *   <li>delete HEADs first, because S3 deletes of absent keys succeed, while the contract reports them as not found.
 *       (A concurrent delete between the two requests may go unnoticed; that is harmless.)</li>
 *   <li>list pages through ListObjectsV2 and skips keys that are not in the layout.</li>
 * </ul>
 * The SDK's own retries are off: failures a retry may fix are {@link dev.cairn.blob.TransientBlobStoreException}s, and
 * {@link dev.cairn.blob.RetryingBlobStore} decides (the provider wraps the store in one). Other failures are mapped by
 * {@link S3Errors}: 403 is an {@link java.nio.file.AccessDeniedException} naming the credentials to check.
 *
 * <p>Thread-safe. {@link #close()} closes the S3 client; streams already opened by {@code get} stay readable until closed.
 */
public final class S3BlobStore implements BlobStore {
    private final S3Client s3;
    private final S3Location location;
    private final S3Keys keys;
    private final S3Errors errors;
    private final S3Uploader uploader;
    private final List<AutoCloseable> owned;

    /** A store on {@code s3}; closing it closes {@code owned} (the client and what it uses), in order. */
    S3BlobStore(S3Client s3, S3Location location, long partSize, List<AutoCloseable> owned) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.location = Objects.requireNonNull(location, "location");
        this.keys = new S3Keys(location.prefix());
        this.errors = new S3Errors(location);
        this.uploader = new S3Uploader(s3, location.bucket(), errors, partSize);
        this.owned = List.copyOf(owned);
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " must be >= 0");
        }
        if (uploader.isMultipart(length) && exists(name)) {
            throw new BlobAlreadyExistsException(name); // fail before uploading; the conditional completion still decides races
        }
        uploader.put(name, keys.key(name), content, length);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(location.bucket()).key(keys.key(name)));
        } catch (SdkException e) {
            throw errors.map(e, "read", name);
        }
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset " + offset + " and length " + length + " must be >= 0");
        }
        if (length == 0 || offset > Long.MAX_VALUE - length) {
            long size = stat(name).size();
            if (offset > size || length > size - offset) {
                throw pastTheEnd(name, offset, length, " (" + size + " bytes)");
            }
            return InputStream.nullInputStream();
        }
        return getRange(name, offset, length);
    }

    private InputStream getRange(BlobName name, long offset, long length) throws IOException {
        ResponseInputStream<GetObjectResponse> in;
        try {
            String range = "bytes=" + offset + "-" + (offset + length - 1);
            in = s3.getObject(b -> b.bucket(location.bucket()).key(keys.key(name)).range(range));
        } catch (SdkException e) {
            if (S3Errors.hasStatus(e, 416)) {
                throw pastTheEnd(name, offset, length, "");
            }
            throw errors.map(e, "read", name);
        }
        Long received = in.response().contentLength();
        if (received == null || received != length) {
            in.abort();
            throw pastTheEnd(name, offset, length, received == null ? "" : " (" + received + " bytes of it are there)");
        }
        return in;
    }

    private static EOFException pastTheEnd(BlobName name, long offset, long length, String detail) {
        return new EOFException(name + ": range of " + length + " bytes at offset " + offset
                + " ends past the end of the object" + detail);
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(keys.key(name)));
            return new BlobInfo(name, head.contentLength(), head.lastModified());
        } catch (SdkException e) {
            throw errors.map(e, "stat", name);
        }
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        List<BlobInfo> found = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(keys.listPrefix(kind)))
                    .contents()) {
                keys.parse(kind, object.key()).ifPresent(name -> found.add(new BlobInfo(name, object.size(), object.lastModified())));
            }
        } catch (SdkException e) {
            throw errors.map(e, "list " + kind.dirName(), null);
        }
        return found;
    }

    @Override
    public void delete(BlobName name) throws IOException {
        stat(name);
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(keys.key(name)));
        } catch (SdkException e) {
            throw errors.map(e, "delete", name);
        }
    }

    /** Closes the S3 client (and the HTTP client and credentials it owns). Idempotent. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                failure = failure == null ? new IOException("cannot close the S3 client of " + location.display(), e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + location.display() + " at " + location.displayEndpoint() + "]";
    }
}
