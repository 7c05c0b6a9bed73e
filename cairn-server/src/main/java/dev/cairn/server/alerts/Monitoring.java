package dev.cairn.server.alerts;

import dev.cairn.server.runs.RunService;
import dev.cairn.server.runs.UsageHistory;

/** What the API and the pages show of an account's backups: run reports, stored bytes over time, alerts. */
public record Monitoring(RunService runs, UsageHistory usage, AlertService alerts, SettingsStore settings) {
}
