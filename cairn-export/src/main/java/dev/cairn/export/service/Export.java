package dev.cairn.export.service;

import dev.cairn.export.schedule.ExportMode;
import java.time.Instant;
import java.util.List;

/**
 * One export of a workspace: what was asked (formats, history, mode) and, once it is {@link ExportStatus#DONE}, what
 * it is: {@code cut}, {@code manifestSha256}, {@code bundleSha256}, {@code bytes}, its {@code kind} (an incremental
 * asked for without a previous export is built full) and, for an incremental, the export it chains to
 * ({@code previousId}); {@code error} once it {@link ExportStatus#FAILED}; {@code withSoftware}: it carries the cairn
 * distribution (escrow).
 */
public record Export(long id, long workspaceId, long accountId, ExportStatus status, List<String> formats,
        boolean history, ExportMode mode, ExportMode kind, Long previousId, Long cut, String manifestSha256,
        String bundleSha256, Long bytes, String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt,
        String error, boolean withSoftware) {
    public Export {
        formats = List.copyOf(formats);
    }

    /** An export without the software. */
    public Export(long id, long workspaceId, long accountId, ExportStatus status, List<String> formats,
            boolean history, ExportMode mode, ExportMode kind, Long previousId, Long cut, String manifestSha256,
            String bundleSha256, Long bytes, String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt,
            String error) {
        this(id, workspaceId, accountId, status, formats, history, mode, kind, previousId, cut, manifestSha256,
                bundleSha256, bytes, createdBy, createdAt, startedAt, finishedAt, error, false);
    }
}
