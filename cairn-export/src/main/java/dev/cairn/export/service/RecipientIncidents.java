package dev.cairn.export.service;

import dev.cairn.export.mail.NoRecipientMail;
import dev.cairn.server.db.Rows;
import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.Mailer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules whose workspace has no recipient left (the job, every minute): such a schedule starts nothing
 * ({@link Schedules#runDue}); the first time the job sees it, it records the incident ({@code no_recipient_since}),
 * and it emails the owning account once per incident: the email is taken by one conditional update of
 * {@code no_recipient_mailed_at} before it is sent, so no process sends it twice (a refused email is logged, not sent
 * again: the page shows the state). A recipient added ends the incident; removing the last one again starts a new
 * one. Thread-safe.
 */
public final class RecipientIncidents {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientIncidents.class);
    private static final String NONE = "NOT EXISTS (SELECT 1 FROM export_recipients r "
            + "WHERE r.workspace_id = export_schedules.workspace_id)";
    private final Jdbi jdbi;
    private final Owners owners;
    private final Mailer mailer;
    private final String page;
    private final InstantSource clock;

    RecipientIncidents(Jdbi jdbi, Mailer mailer, String page, InstantSource clock) {
        this.jdbi = jdbi;
        this.owners = new Owners(jdbi);
        this.mailer = mailer;
        this.page = page;
        this.clock = clock;
    }

    /** Opens and ends incidents, then mails the owners of new ones; returns how many emails the relay accepted. */
    public int check() {
        long now = clock.millis();
        jdbi.useHandle(h -> {
            h.createUpdate("UPDATE export_schedules SET no_recipient_since = :now WHERE no_recipient_since IS NULL "
                    + "AND " + NONE).bind("now", now).execute();
            h.createUpdate("UPDATE export_schedules SET no_recipient_since = NULL, no_recipient_mailed_at = NULL "
                    + "WHERE no_recipient_since IS NOT NULL AND NOT " + NONE).execute();
        });
        int sent = 0;
        for (Incident i : unmailed()) {
            if (claim(i.workspaceId(), now) && mailer != Mailer.NOT_CONFIGURED) {
                sent += send(i) ? 1 : 0;
            }
        }
        return sent;
    }

    private record Incident(long workspaceId, Instant since) {
    }

    private List<Incident> unmailed() {
        return jdbi.withHandle(h -> h.createQuery("SELECT workspace_id, no_recipient_since FROM export_schedules "
                + "WHERE no_recipient_since IS NOT NULL AND no_recipient_mailed_at IS NULL ORDER BY workspace_id")
                .setMaxRows(100).map((rs, ctx) -> new Incident(rs.getLong(1), Rows.instant(rs, "no_recipient_since")))
                .list());
    }

    private boolean claim(long workspaceId, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE export_schedules SET no_recipient_mailed_at = :now WHERE "
                + "workspace_id = :w AND no_recipient_since IS NOT NULL AND no_recipient_mailed_at IS NULL")
                .bind("now", now).bind("w", workspaceId).execute()) == 1;
    }

    private boolean send(Incident i) {
        var owner = owners.of(i.workspaceId());
        if (owner.isEmpty()) {
            return false;
        }
        try {
            mailer.send(NoRecipientMail.compose(new NoRecipientMail.Paused(owner.get().email(), owner.get().name(),
                    owner.get().workspace(), i.since(), page)));
            return true;
        } catch (MailException | RuntimeException x) {
            LOG.warn("the email about the paused export schedule of workspace {} was not sent: {}", i.workspaceId(),
                    x.getMessage());
            return false;
        }
    }
}
