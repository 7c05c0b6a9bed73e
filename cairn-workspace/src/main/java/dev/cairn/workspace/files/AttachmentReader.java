package dev.cairn.workspace.files;

import java.io.IOException;
import java.io.InputStream;

/** Reads the bytes of uploads (for the export's snapshot); thread-safe. */
@FunctionalInterface
public interface AttachmentReader {
    /** Refuses every read: for readers of workspaces whose server has no attachment store at hand. */
    AttachmentReader NONE = (account, id) -> {
        throw new IOException("this reader of workspaces was built without the attachment store");
    };

    /**
     * The bytes of upload {@code id} of the workspace owned by account {@code ownerAccountId}; the caller closes them.
     *
     * @throws dev.cairn.blob.BlobNotFoundException if they are not there
     */
    InputStream open(long ownerAccountId, String id) throws IOException;

    /** The reader of the attachment stores among {@code stores}. */
    static AttachmentReader of(dev.cairn.server.storage.TenantStores stores) {
        return (account, id) -> AttachmentBlobs.open(stores, account, id);
    }
}
