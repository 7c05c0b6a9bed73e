/**
 * {@link dev.cairn.s3.S3BlobStore}: the {@link dev.cairn.blob.BlobStore} on any S3-compatible object store, opened by
 * {@code s3://bucket/prefix?endpoint=…} locations through {@link dev.cairn.s3.S3BlobStoreProvider}.
 *
 * <p>Pieces: {@code S3Location} parses and validates a location; {@code S3Keys} maps names to keys in the local store's
 * layout; {@code S3Uploader} streams puts (conditional single PUT or multipart upload); {@code S3Errors} maps SDK failures
 * onto the store contract's exceptions; {@code S3Connector} builds the client and checks or creates the bucket. Only
 * {@code S3Connector} and the classes it reaches load AWS SDK classes, so the provider is free to instantiate.
 */
package dev.cairn.s3;
