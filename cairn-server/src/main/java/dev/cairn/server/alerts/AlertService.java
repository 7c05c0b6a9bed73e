package dev.cairn.server.alerts;

import dev.cairn.server.runs.Run;
import dev.cairn.server.runs.RunKind;
import dev.cairn.server.runs.RunService;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's alerts (ADR 33): opens and resolves incidents, each with its message queued for the account's channels
 * (email, webhook) in the same transaction, so a message is queued exactly once per open, repeat and recovery. Raised
 * by features ({@link Alerts}), by run reports ({@link RunService.Observer}: damage found by a check, recovery by a
 * successful backup or a clean check), by a rejected device token ({@link #deviceTokenRejected}), and by the periodic
 * {@link AlertJob}. Thread-safe; time from the injected clock.
 */
public final class AlertService implements Alerts, RunService.Observer {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final Jdbi jdbi;
    private final InstantSource clock;

    public AlertService(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void raise(long accountId, AlertKind kind, String subject, String message) {
        open(accountId, kind, subject, null, message);
    }

    /** As {@link #raise}, naming the device the incident is about (the webhook's {@code device}). */
    void open(long accountId, AlertKind kind, String subject, String device, String message) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> Incidents.open(h, accountId, kind, subject, device, message, now)
                .ifPresent(incident -> queue(h, incident, Payloads.OPEN, message, now)));
    }

    @Override
    public void resolve(long accountId, AlertKind kind, String subject, String message) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> Incidents.resolve(h, accountId, kind, subject, now)
                .ifPresent(incident -> queue(h, incident, Payloads.RESOLVED, message, now)));
    }

    /** Sends a still-open incident again (the job, once its repeat period passed); false if another process did. */
    boolean repeat(Incident incident) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (!Incidents.markRepeated(h, incident, now)) {
                return false;
            }
            queue(h, incident, Payloads.REPEAT, "Still open since " + incident.openedAt() + ": "
                    + incident.message(), now);
            return true;
        });
    }

    /**
     * Counts an incident's repeat period from now without telling anyone (its last send lies in the future: the clock
     * was ahead then); false if another process repeated or restarted it first.
     */
    boolean restartPeriod(Incident incident) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> Incidents.markRepeated(h, incident, now));
    }

    /** Queues the message for each channel the account has now (none: the incident is only listed on its page). */
    private static void queue(Handle h, Incident incident, String state, String message, Instant now) {
        AlertSettings settings = SettingsStore.get(h, incident.accountId());
        String account = h.createQuery("SELECT name FROM accounts WHERE id = :a").bind("a", incident.accountId())
                .mapTo(String.class).one();
        String payload = Payloads.of(incident, state, message, account, now);
        if (settings.email()) {
            Deliveries.enqueue(h, incident.accountId(), incident.id(), Deliveries.EMAIL, payload, now);
        }
        if (settings.hasWebhook()) {
            Deliveries.enqueue(h, incident.accountId(), incident.id(), Deliveries.WEBHOOK, payload, now);
        }
    }

    /**
     * A newly reported run: a check that found damage opens {@code check-damage} for its repository (or device), a
     * clean successful check closes it; a successful backup closes {@code no-backup} of its device.
     */
    @Override
    public void recorded(long accountId, Run run) {
        try {
            String subject = run.repository() == null ? run.device() : run.repository();
            if (RunKind.CHECK.equals(run.kind()) && run.damageFound()) {
                open(accountId, AlertKind.CHECK_DAMAGE, subject, run.device(), "A check of the repository " + subject
                        + " on " + run.device() + " at " + run.endedAt() + " found damage"
                        + (run.errors().isEmpty() ? "" : ": " + run.errors().getFirst()) + ". Run 'cairn check "
                        + "--read-data' on that computer to see what is damaged, and keep its backups until it is "
                        + "repaired.");
            } else if (RunKind.CHECK.equals(run.kind()) && run.succeeded()) {
                resolve(accountId, AlertKind.CHECK_DAMAGE, subject, "A check of the repository " + subject + " on "
                        + run.device() + " at " + run.endedAt() + " found no damage.");
            } else if (RunKind.BACKUP.equals(run.kind()) && run.succeeded()) {
                resolve(accountId, AlertKind.NO_BACKUP, run.device(), run.device() + " backed up successfully at "
                        + run.endedAt() + ".");
            }
        } catch (RuntimeException e) {
            LOG.error("could not update the alerts after run {} of account id {}", run.runId(), accountId, e);
        }
    }

    /**
     * A revoked or expired token was presented: if it is a device's and was not reported before, opens
     * {@code device-signed-out} for the device (once per token). Never throws.
     */
    public void deviceTokenRejected(long tokenId, String why) {
        try {
            Instant now = clock.instant();
            Optional<Object[]> token = jdbi.inTransaction(h -> {
                int n = h.createUpdate("UPDATE api_tokens SET signout_alerted_at = :now WHERE id = :id AND "
                        + "device_name IS NOT NULL AND signout_alerted_at IS NULL").bind("now", now.toEpochMilli())
                        .bind("id", tokenId).execute();
                return n == 0 ? Optional.<Object[]>empty() : h.createQuery("SELECT account_id, device_name FROM "
                        + "api_tokens WHERE id = :id").bind("id", tokenId)
                        .map((rs, ctx) -> new Object[] {rs.getLong("account_id"), rs.getString("device_name")})
                        .findOne();
            });
            token.ifPresent(t -> {
                String device = (String) t[1];
                open((Long) t[0], AlertKind.DEVICE_SIGNED_OUT, device, device, "The device " + device
                        + " tried to reach the server at " + now + " with a token that " + why + ", so its backups "
                        + "stop. Sign it in again on that computer with 'cairn login' and the server's address.");
            });
        } catch (RuntimeException e) {
            LOG.error("could not raise the signed-out alert of token id {}", tokenId, e);
        }
    }

    /** The account's open incidents, oldest first. */
    public List<Incident> openIncidents(long accountId) {
        return jdbi.withHandle(h -> Incidents.open(h, accountId));
    }

    /** How many incidents are open across all accounts (the admin's overview). */
    public long openIncidentCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_incidents WHERE resolved_at IS NULL")
                .mapTo(Long.class).one());
    }

    /** The account's latest incidents, open and closed, newest first. */
    public List<Incident> recentIncidents(long accountId, int limit) {
        return jdbi.withHandle(h -> Incidents.recent(h, accountId, limit));
    }

    /** The account's latest messages with their delivery state (the delivery log), newest first. */
    public List<Delivery> recentDeliveries(long accountId, int limit) {
        return jdbi.withHandle(h -> Deliveries.recent(h, accountId, limit));
    }
}
