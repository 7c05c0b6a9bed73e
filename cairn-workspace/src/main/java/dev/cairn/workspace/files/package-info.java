/**
 * Attachments (ADR 29): files uploaded into a workspace for its {@code attachment} columns. {@link
 * dev.cairn.workspace.files.AttachmentService} takes an upload (size limit, content type, quota), serves its bytes to
 * members of the workspace only, resolves the ids a record write names, and collects the uploads no version of any
 * record references any more. The bytes are blobs of the owning account's feature store, never database rows.
 */
package dev.cairn.workspace.files;
