package dev.cairn.server.web;

import dev.cairn.server.alerts.AlertKind;
import dev.cairn.server.alerts.Incident;
import dev.cairn.server.alerts.Monitoring;
import dev.cairn.server.alerts.SettingsStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dashboard's backups section: per device that reported runs, its last successful backup with its age in words,
 * its alert threshold and whether its no-backup alert is open; and the chart of stored bytes of the last
 * {@link #chartDays} days. Built per request.
 */
public record BackupsView(List<Device> devices, String chartSvg, int chartDays) {
    /** The chart spans the days since the first sample, at least {@link #MIN_DAYS} and at most {@link #CHART_DAYS}. */
    public static final int CHART_DAYS = 90;
    public static final int MIN_DAYS = 7;

    /** One device's row. */
    public record Device(String name, Instant lastSuccess, String age, int alertDays, boolean alerting) {
    }

    static BackupsView of(Monitoring m, long accountId, Long quotaBytes, long storedBytes, Instant now) {
        Map<String, Integer> days = m.settings().deviceSettings(accountId);
        Set<String> alerting = m.alerts().openIncidents(accountId).stream()
                .filter(i -> i.alertKind() == AlertKind.NO_BACKUP).map(Incident::subject).collect(Collectors.toSet());
        List<Device> devices = m.runs().lastSuccessfulBackups(accountId).entrySet().stream()
                .map(e -> new Device(e.getKey(), e.getValue(), Format.age(e.getValue(), now, "never"),
                        days.getOrDefault(e.getKey(), SettingsStore.DEFAULT_NO_BACKUP_DAYS),
                        alerting.contains(e.getKey()))).toList();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var samples = StoredBytesChart.withToday(m.usage().series(accountId, CHART_DAYS), today, storedBytes);
        int span = samples.isEmpty() ? MIN_DAYS : (int) Math.clamp(today.toEpochDay()
                - samples.getFirst().day().toEpochDay() + 1, MIN_DAYS, CHART_DAYS);
        return new BackupsView(devices, StoredBytesChart.svg(samples, quotaBytes, today, span), span);
    }
}
