package dev.cairn.server.web;

import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.AccountStatus;
import dev.cairn.server.alerts.AlertService;
import dev.cairn.server.quota.UsageMeter;
import dev.cairn.server.storage.WriteRefusals;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The administrator's overview of the server: accounts by status, storage (stored bytes, accounts at their quota),
 * traffic of the last {@link #TRAFFIC_DAYS} days (from the metering), and health (ready, open alert incidents,
 * repositories whose writes are being refused). Built per request from the services' own queries. Thread-safe.
 */
public final class ServerOverview {
    static final int TRAFFIC_DAYS = 30;
    private final AccountService accounts;
    private final UsageMeter meter;
    private final WriteRefusals refusals;
    private final AlertService alerts;
    private final BooleanSupplier ready;
    private final InstantSource clock;

    ServerOverview(AccountService accounts, UsageMeter meter, WriteRefusals refusals, AlertService alerts,
            BooleanSupplier ready, InstantSource clock) {
        this.accounts = accounts;
        this.meter = meter;
        this.refusals = refusals;
        this.alerts = alerts;
        this.ready = ready;
        this.clock = clock;
    }

    /** The figures; {@code atQuota} counts active accounts whose usage reached their quota. */
    public record Figures(long active, long suspended, long deleted, long storedBytes, long atQuota, long ingressBytes,
            long egressBytes, long requests, int trafficDays, boolean ready, long openIncidents, long refusingRepos) {
        public String stored() {
            return Format.bytes(storedBytes);
        }

        public String ingress() {
            return Format.bytes(ingressBytes);
        }

        public String egress() {
            return Format.bytes(egressBytes);
        }
    }

    Figures figures() {
        List<Account> all = accounts.list();
        long active = all.stream().filter(a -> a.status() == AccountStatus.ACTIVE).count();
        long suspended = all.stream().filter(a -> a.status() == AccountStatus.SUSPENDED).count();
        long stored = all.stream().mapToLong(Account::storedBytes).sum();
        long atQuota = all.stream().filter(a -> a.status() == AccountStatus.ACTIVE && a.quotaBytes() != null
                && a.storedBytes() + a.reservedBytes() >= a.quotaBytes()).count();
        String from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(TRAFFIC_DAYS - 1L).toString();
        UsageMeter.Day traffic = meter.totalSince(from);
        return new Figures(active, suspended, all.size() - active - suspended, stored, atQuota, traffic.ingressBytes(),
                traffic.egressBytes(), traffic.requests(), TRAFFIC_DAYS, ready.getAsBoolean(),
                alerts.openIncidentCount(), refusals.currentCount());
    }
}
