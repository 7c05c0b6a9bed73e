package dev.cairn.export.web;

import dev.cairn.export.service.Export;
import dev.cairn.export.service.ExportStatus;
import dev.cairn.export.service.Recipient;
import dev.cairn.server.web.Format;

/** What the Onsite copy page shows of recipients and exports. */
public final class OnsiteViews {
    private OnsiteViews() {
    }

    /** A recipient: name, key, who added it when. */
    public record RecipientRow(long id, String name, String recipient, String added) {
        static RecipientRow of(Recipient r) {
            return new RecipientRow(r.id(), r.name(), r.recipient(), r.createdBy() + ", " + Format.time(r.createdAt(),
                    ""));
        }
    }

    /** An export: status (and why it failed), formats, size, times, the download link once done. */
    public record ExportRow(long id, String status, String formats, String size, String started, String finished,
            String error, String download, String manifest) {
        static ExportRow of(Export e) {
            boolean done = e.status() == ExportStatus.DONE;
            return new ExportRow(e.id(), e.status().wireName(), String.join(", ", e.formats()),
                    e.bytes() == null ? "" : Format.bytes(e.bytes()), Format.time(e.createdAt(), ""),
                    Format.time(e.finishedAt(), ""), e.error(),
                    done ? ExportPages.BASE + "/exports/" + e.id() + "/download" : null,
                    e.manifestSha256() == null ? "" : e.manifestSha256().substring(0, 16));
        }
    }
}
