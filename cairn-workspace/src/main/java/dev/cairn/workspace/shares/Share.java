package dev.cairn.workspace.shares;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A share link as the workspace's members see it (never its token). {@code report} is the report's current name (its
 * name when deleted); {@code reportId} is null once the report is deleted. {@code status} is {@code active},
 * {@code expired}, {@code revoked} or {@code report-deleted}. {@code accessCount} counts every request to the link,
 * refused ones included.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Share(long id, Long reportId, String report, String status, boolean passphrase, FixedTo fixedTo,
        String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy,
        long accessCount, Instant lastAccessAt) {

    /** The link shows only rows whose reference column {@code column} points at record {@code record}. */
    public record FixedTo(String column, Long record) {
    }

    public boolean active() {
        return status.equals("active");
    }
}
