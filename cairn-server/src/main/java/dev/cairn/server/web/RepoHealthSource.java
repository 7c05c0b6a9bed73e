package dev.cairn.server.web;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.protocol.RepoInfo;
import dev.cairn.server.runs.UsageHistory;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.storage.Tenant;
import dev.cairn.server.storage.WriteRefusals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds {@link RepoHealth} for a tenant's repositories: one listing of each repository's {@code snapshots} (small: one
 * object per snapshot) for the count and the last arrival, the refused writes, and the size samples of the last
 * {@link BackupsView#CHART_DAYS} days for the sparkline. Thread-safe.
 */
final class RepoHealthSource {
    private final ObjectService objects;
    private final UsageHistory usage;
    private final InstantSource clock;

    RepoHealthSource(ObjectService objects, UsageHistory usage, InstantSource clock) {
        this.objects = objects;
        this.usage = usage;
        this.clock = clock;
    }

    List<RepoHealth> of(long accountId, String accountName, List<RepoInfo> repos) {
        List<WriteRefusals.Refusal> refusals = objects.refusals().current(accountId);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return repos.stream().map(r -> RepoHealth.of(r, snapshots(accountId, accountName, r.name()), refusals, now,
                StoredBytesChart.sparkline(StoredBytesChart.withToday(usage.repoSeries(accountId, r.name(),
                        BackupsView.CHART_DAYS), today, r.storedBytes()), today,
                        BackupsView.CHART_DAYS))).toList();
    }

    List<BlobInfo> snapshots(long accountId, String accountName, String repo) {
        try {
            return objects.list(new Tenant(accountId, accountName, null), repo, BlobKind.SNAPSHOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
