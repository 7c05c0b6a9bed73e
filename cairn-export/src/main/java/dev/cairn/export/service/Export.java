package dev.cairn.export.service;

import java.time.Instant;
import java.util.List;

/**
 * One export of a workspace. {@code cut}, {@code manifestSha256}, {@code bundleSha256} and {@code bytes} are set once it
 * is {@link ExportStatus#DONE}; {@code error} once it {@link ExportStatus#FAILED}.
 */
public record Export(long id, long workspaceId, long accountId, ExportStatus status, List<String> formats, Long cut,
        String manifestSha256, String bundleSha256, Long bytes, String createdBy, Instant createdAt, Instant startedAt,
        Instant finishedAt, String error) {
    public Export {
        formats = List.copyOf(formats);
    }
}
