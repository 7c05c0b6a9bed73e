package dev.cairn.export.restore;

import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Attachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A restore's attached files in this server (ADR 31): each file of the copy checked against the size and SHA-256 the
 * exporting server recorded, then adopted as an upload of the workspace ({@link AttachmentService#adopt}: the upload
 * already here, or stored anew through the owner's quota). Stored before the restore's transaction, because storing
 * reserves quota and writes blobs, which a transaction cannot undo; so a restore that then fails calls
 * {@link #discard}, which deletes the files it stored (they leave the quota at once). A server killed in between
 * leaves ordinary uploads nothing names, which the collection of unused uploads deletes after its grace (ADR 29).
 */
final class CopyFiles {
    private final AttachmentService attachments;
    private final Caller caller;
    private final long seq;
    private final Map<String, Attachment> resolved;
    private final List<Attachment> stored;

    private CopyFiles(AttachmentService attachments, Caller caller, long seq, Map<String, Attachment> resolved,
            List<Attachment> stored) {
        this.attachments = attachments;
        this.caller = caller;
        this.seq = seq;
        this.resolved = resolved;
        this.stored = stored;
    }

    /**
     * Checks and stores every file {@code copy} describes into {@code caller}'s workspace, whose change sequence is
     * {@code seq} now. A refusal (a changed file, a full quota) deletes what it had stored and throws.
     */
    static CopyFiles store(AttachmentService attachments, Caller caller, CopyAttachments copy, long seq) {
        CopyFiles files = new CopyFiles(attachments, caller, seq, new HashMap<>(), new ArrayList<>());
        try {
            for (var e : copy.byPath().entrySet()) {
                Path file = copy.checked(e.getKey(), e.getValue());
                AttachmentService.Adopted a = attachments.adopt(caller.workspaceId(), e.getValue(), file);
                files.resolved.put(e.getKey(), a.attachment());
                if (a.stored()) {
                    files.stored.add(a.attachment());
                }
            }
        } catch (IOException e) {
            files.discard(e);
            throw new CopyException("the copy's attached files cannot be stored: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            files.discard(e);
            throw e;
        }
        return files;
    }

    /** The copy's files as stored here, by bundle path. */
    Map<String, Attachment> resolved() {
        return resolved;
    }

    /** The files this restore stored (not those already here). */
    List<Attachment> stored() {
        return stored;
    }

    /** Deletes the files this restore stored, after {@code failure}; a failure to do so is added to it. */
    void discard(Throwable failure) {
        try {
            attachments.discard(caller, stored, seq);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e instanceof IOException io ? new UncheckedIOException(io) : e);
        }
    }
}
