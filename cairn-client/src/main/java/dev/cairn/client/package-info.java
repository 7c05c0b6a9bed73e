/**
 * Client of the cairn server's native API (docs/spec/http-api.md) over the JDK HTTP client: {@link
 * dev.cairn.client.HttpBlobStore} is a {@link dev.cairn.blob.BlobStore} whose objects live in one repository of the
 * server. HTTP problems map back onto the blob exceptions, so the engine sees the same failures as from a local store.
 */
package dev.cairn.client;
