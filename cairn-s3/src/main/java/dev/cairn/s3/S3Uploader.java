package dev.cairn.s3;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobName;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams one object into a bucket without buffering it: a single conditional PUT up to the part size, above it a
 * multipart upload of part-size parts. Both are conditional on the key being absent ({@code If-None-Match: *}, on the PUT
 * or on the completing request), so of racing writers exactly one wins and the others get
 * {@link BlobAlreadyExistsException}. A failed multipart upload is aborted, so its parts neither show nor cost storage.
 * Nothing is visible under the key until the upload succeeds.
 *
 * <p>Thread-safe (the S3 client is); each call uses only its own state.
 */
final class S3Uploader {
    /** Parts of 16 MiB keep memory flat and the part count of a 64 MiB pack at 4 (S3 allows 5 MiB to 5 GiB). */
    static final long DEFAULT_PART_SIZE = 16L << 20;
    private static final String ABSENT = "*";

    private final S3Client s3;
    private final String bucket;
    private final S3Errors errors;
    private final long partSize;

    S3Uploader(S3Client s3, String bucket, S3Errors errors, long partSize) {
        if (partSize < 1) {
            throw new IllegalArgumentException("part size " + partSize + " must be at least 1 byte");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.errors = errors;
        this.partSize = partSize;
    }

    /** Whether a put of {@code length} bytes is sent as a multipart upload. */
    boolean isMultipart(long length) {
        return length > partSize;
    }

    /**
     * Stores exactly {@code length} bytes of {@code content} under {@code key} if the key is absent.
     *
     * @throws BlobAlreadyExistsException if the key exists (nothing changed)
     * @throws IOException the content stream's own failure ({@link java.io.EOFException} if it ended early), or the
     *                     mapped storage failure; nothing is visible under the key then
     */
    void put(BlobName name, String key, InputStream content, long length) throws IOException {
        ExactLengthContent guarded = new ExactLengthContent(name, content, length);
        try {
            if (isMultipart(length)) {
                putMultipart(key, guarded, length);
            } else {
                s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch(ABSENT).contentLength(length),
                        RequestBody.fromInputStream(guarded, length));
            }
        } catch (SdkException e) {
            throw failure(guarded, e, name);
        } catch (RuntimeException e) {
            if (guarded.failure() != null) {
                throw guarded.failure();
            }
            throw e;
        }
    }

    private IOException failure(ExactLengthContent content, SdkException e, BlobName name) {
        if (content.failure() != null) {
            return content.failure();
        }
        if (S3Errors.hasStatus(e, 412)) {
            return new BlobAlreadyExistsException(name, e);
        }
        if (e instanceof SdkClientException) {
            SdkException refusal = refusal();
            if (refusal != null) {
                return errors.map(refusal, "write", name);
            }
        }
        return errors.map(e, "write", name);
    }

    /**
     * Why the service may have cut an upload off: a server that refuses a request (403 for wrong credentials) may answer
     * before reading the body and close the connection, so the client sees only a write failure. One HEAD of the bucket
     * tells; returns its 401/403 failure, or {@code null} if the bucket answers normally or not at all.
     */
    private SdkException refusal() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return null;
        } catch (SdkException probe) {
            return S3Errors.hasStatus(probe, 403) || S3Errors.hasStatus(probe, 401) ? probe : null;
        }
    }

    private void putMultipart(String key, ExactLengthContent content, long length) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key))
                .uploadId();
        try {
            List<CompletedPart> parts = uploadParts(key, uploadId, content, length);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch(ABSENT)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String key, String uploadId, ExactLengthContent content, long length) {
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < length; offset += partSize) {
            long size = Math.min(partSize, length - offset);
            int number = parts.size() + 1;
            content.limit(size);
            UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength(size), RequestBody.fromInputStream(content, size));
            parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
        }
        return parts;
    }

    /** Best effort: a failure to abort is attached to the upload's failure; the bucket's lifecycle rules clean up then. */
    private void abort(String key, String uploadId, RuntimeException failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
