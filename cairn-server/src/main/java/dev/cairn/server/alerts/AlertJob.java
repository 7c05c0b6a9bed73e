package dev.cairn.server.alerts;

import dev.cairn.server.mail.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * The periodic alerts job (on the platform's job scheduler, every {@link #PERIOD}; decisions by the injected clock):
 * opens and resolves the incidents that are states rather than events (no successful backup of a device for its number
 * of days, quota at 80 % and 100 %, a signed-out device signed in again), repeats open incidents whose repeat period
 * passed, then sends the due messages. Safe on several server processes at once (see {@link Incidents},
 * {@link Deliveries}).
 */
public final class AlertJob {
    public static final Duration PERIOD = Duration.ofMinutes(1);
    /**
     * How far past now an incident's last send or a device's last backup may lie before it is taken for one made while
     * the server's clock was ahead (and has since been put right): beyond any skew between server processes.
     */
    static final Duration AHEAD = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final AlertService alerts;
    private final DeliveryWorker worker;

    public AlertJob(Jdbi jdbi, InstantSource clock, AlertService alerts, Mailer mailer, String publicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.alerts = alerts;
        this.worker = new DeliveryWorker(jdbi, clock, mailer, publicUrl);
    }

    /** One run: evaluate, repeat, deliver. Returns the number of messages delivered. */
    public int run() throws InterruptedException {
        evaluate();
        repeatDue();
        return worker.sendDue();
    }

    /**
     * Opens and resolves the state alerts of every active account. Reads first and writes only what changes (an
     * incident to open that is not open, one to resolve that is), so a quiet minute costs reads only.
     */
    public void evaluate() {
        Instant now = clock.instant();
        jdbi.useHandle(h -> Watched.pullBackFutureBackups(h, now, AHEAD));
        for (Watched.AccountState account : jdbi.withHandle(Watched::accounts)) {
            State state = new State(account.id(), alerts.openIncidents(account.id()));
            quota(state, account);
            List<Watched.DeviceState> devices = jdbi.withHandle(h -> Watched.devices(h, account.id(), now));
            java.util.Map<String, Integer> days = new SettingsStore(jdbi).deviceSettings(account.id());
            for (Watched.DeviceState device : devices) {
                noBackup(state, device, days.getOrDefault(device.name(), SettingsStore.DEFAULT_NO_BACKUP_DAYS), now);
            }
            signedInAgain(state, now);
        }
    }

    /** One account's open incidents, read once per evaluation; opens and resolves only what changes. */
    private final class State {
        private final long accountId;
        private final List<Incident> open;

        State(long accountId, List<Incident> open) {
            this.accountId = accountId;
            this.open = open;
        }

        boolean isOpen(AlertKind kind, String subject) {
            return open.stream().anyMatch(i -> i.alertKind() == kind && i.subject().equals(subject));
        }

        void open(AlertKind kind, String subject, String device, String message) {
            if (!isOpen(kind, subject)) {
                alerts.open(accountId, kind, subject, device, message);
            }
        }

        void resolve(AlertKind kind, String subject, String message) {
            if (isOpen(kind, subject)) {
                alerts.resolve(accountId, kind, subject, message);
            }
        }
    }

    private static void noBackup(State state, Watched.DeviceState device, int days, Instant now) {
        Instant since = device.lastBackup() != null ? device.lastBackup() : device.knownSince();
        if (days == 0) {
            state.resolve(AlertKind.NO_BACKUP, device.name(), "Alerts about missing backups of " + device.name()
                    + " were turned off.");
        } else if (since != null && !now.isBefore(since.plus(Duration.ofDays(days)))) {
            state.open(AlertKind.NO_BACKUP, device.name(), device.name(), "No successful backup of " + device.name()
                    + " for " + days + " day" + (days == 1 ? "" : "s") + ": " + (device.lastBackup() == null
                    ? "it has not backed up since it was first seen at " + since : "the last one was at " + since)
                    + ". Check that the computer is on and online and that 'cairn status' on it shows no errors.");
        } else if (device.lastBackup() != null) {
            state.resolve(AlertKind.NO_BACKUP, device.name(), device.name() + " backed up successfully at "
                    + device.lastBackup() + ".");
        }
    }

    private static void quota(State state, Watched.AccountState a) {
        if (a.quotaBytes() == null || a.quotaBytes() <= 0) {
            state.resolve(AlertKind.QUOTA_100, "", "The account has no quota any more.");
            state.resolve(AlertKind.QUOTA_80, "", "The account has no quota any more.");
            return;
        }
        double percent = 100.0 * a.storedBytes() / a.quotaBytes();
        String use = String.format(Locale.ROOT, "The account %s stores %,d bytes, %.0f %% of its quota of %,d bytes",
                a.name(), a.storedBytes(), Math.floor(percent), a.quotaBytes());
        if (percent >= 100) {
            state.open(AlertKind.QUOTA_100, "", null, use + ". New backups fail until you free space "
                    + "('cairn forget' and 'cairn prune' with a full token) or the quota is raised.");
        } else {
            state.resolve(AlertKind.QUOTA_100, "", use + ": backups fit again.");
        }
        if (percent >= 80) {
            state.open(AlertKind.QUOTA_80, "", null, use + ". Free space or ask for a larger quota before "
                    + "backups stop at 100 %.");
        } else {
            state.resolve(AlertKind.QUOTA_80, "", use + ": under 80 % again.");
        }
    }

    private void signedInAgain(State state, Instant now) {
        for (Incident incident : state.open) {
            if (incident.alertKind() == AlertKind.DEVICE_SIGNED_OUT && jdbi.withHandle(h -> Watched.signedInSince(h,
                    state.accountId, incident.subject(), incident.openedAt(), now))) {
                state.resolve(AlertKind.DEVICE_SIGNED_OUT, incident.subject(), incident.subject()
                        + " signed in again.");
            }
        }
    }

    /**
     * Repeats every open incident of a repeating kind whose account's repeat period passed since it was last sent. An
     * incident last sent more than {@link #AHEAD} in the future was sent while the clock was ahead: its period restarts
     * now (no message), so it repeats a period after the clock was put right, not once the clock has caught up.
     */
    public void repeatDue() {
        Instant now = clock.instant();
        List<Incident> open = jdbi.withHandle(h -> Incidents.open(h, null));
        for (Incident incident : open) {
            int hours = new SettingsStore(jdbi).get(incident.accountId()).repeatHours();
            if (!incident.alertKind().repeats() || hours <= 0) {
                continue;
            }
            if (incident.lastSentAt().isAfter(now.plus(AHEAD))) {
                alerts.restartPeriod(incident);
            } else if (!now.isBefore(incident.lastSentAt().plus(Duration.ofHours(hours)))) {
                alerts.repeat(incident);
            }
        }
    }

    /** Sends the due messages only. */
    public int deliver() throws InterruptedException {
        return worker.sendDue();
    }
}
