/**
 * Quotas and metering. {@link dev.cairn.server.quota.QuotaService} keeps each tenant's physical stored bytes exact with
 * reserve-then-commit updates that are single atomic statements (so concurrent uploads on several server processes
 * can never overshoot the quota); {@link dev.cairn.server.quota.UsageMeter} accumulates per-day ingress, egress and
 * request counts in memory and flushes them to {@code usage_daily}.
 */
package dev.cairn.server.quota;
