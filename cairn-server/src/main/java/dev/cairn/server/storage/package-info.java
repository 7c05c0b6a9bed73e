/**
 * Tenant-isolated object storage. Each (tenant, repository) is its own {@link dev.cairn.blob.BlobStore} at a child
 * location of the configured store root ({@code <root>/tenants/<account id>/<repo>}, see ADR 0008), opened through
 * {@link dev.cairn.blob.BlobStores}, so local directories and {@code s3://} buckets work alike.
 * {@link dev.cairn.server.storage.ObjectService} is the entry point: it validates names, checks and charges quota,
 * streams and verifies uploads, serves ranges, and applies delete grace periods. It knows nothing about HTTP.
 */
package dev.cairn.server.storage;
