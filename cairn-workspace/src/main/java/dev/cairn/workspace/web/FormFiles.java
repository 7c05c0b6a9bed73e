package dev.cairn.workspace.web;

import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files a record form's file inputs carry (a multipart form): each is stored as an upload before the record is
 * written, and the form then names it like a file attached earlier. A refused file (too large, quota full) becomes an
 * error beside its field; the form's other values stay as they were typed, and nothing is stored for it.
 */
final class FormFiles {
    /** The form, with each uploaded file in place, and the refusals by column. */
    record Received(RecordForm form, Map<String, String> errors, int status) {
    }

    private FormFiles() {
    }

    static Received receive(Context ctx, Caller c, TableSpec t, RecordForm form, AttachmentService attachments)
            throws IOException {
        Map<String, String> errors = new LinkedHashMap<>();
        int status = 200;
        boolean multipart = ctx.contentType() != null && ctx.contentType().startsWith("multipart/");
        for (ColumnSpec col : t.columns()) {
            UploadedFile file = col.type() != ColumnType.ATTACHMENT || !multipart ? null
                    : ctx.uploadedFile(col.name() + RecordForm.FILE);
            if (file == null || file.filename() == null || file.filename().isEmpty()) {
                continue;
            }
            try (InputStream in = file.content()) {
                form = form.withFile(col.name(), attachments.upload(c, file.filename(), file.contentType(), in,
                        file.size()));
            } catch (ServiceException e) {
                errors.put(col.name(), "The file '" + file.filename() + "' was not stored: " + e.getMessage());
                status = Math.max(status, e.code().status());
            }
        }
        return new Received(form, errors, status);
    }
}
