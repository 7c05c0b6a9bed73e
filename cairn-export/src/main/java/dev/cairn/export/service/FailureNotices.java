package dev.cairn.export.service;

import dev.cairn.export.mail.FailureMail;
import dev.cairn.server.alerts.Alerts;
import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.Mailer;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the owning account of a workspace about each finished export that needs telling (the job, every minute), in
 * export id order: a failed export started by hand is emailed to the owner; a failed scheduled export raises the
 * platform's {@code export-failed} alert instead (email and webhook as the account's alert settings say, repeated while
 * it lasts), and a successful scheduled export resolves it ({@link ScheduleAlerts}, ADR 37). Each export is taken by
 * one conditional update of {@code exports.mailed_at} first, so none is told twice, by this process or another; an
 * email the relay refuses is logged and not sent again (the page shows the failure anyway). A server without a mail
 * relay takes the manual failures and sends nothing. Thread-safe.
 */
public final class FailureNotices {
    private static final Logger LOG = LoggerFactory.getLogger(FailureNotices.class);
    static final String PAGE = "/web/export";
    private final Jdbi jdbi;
    private final ExportTable table;
    private final Mailer mailer;
    private final String publicUrl;
    private final InstantSource clock;
    private final ScheduleAlerts alerts;

    FailureNotices(Jdbi jdbi, ExportTable table, Mailer mailer, String publicUrl, InstantSource clock,
            Alerts alerts) {
        this.jdbi = jdbi;
        this.table = table;
        this.mailer = mailer;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
        this.clock = clock;
        this.alerts = new ScheduleAlerts(alerts, this.publicUrl == null ? null : this.publicUrl + PAGE);
    }

    /** The Onsite copy page's address under the server's public URL; null without one. */
    static String page(String publicUrl) {
        return publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "") + PAGE;
    }

    /**
     * Tells every export not told yet; returns how many emails the relay accepted plus how many alerts were raised or
     * resolved (an alert's own messages are queued by the platform's alerts and sent by its job).
     */
    public int sendPending() {
        int sent = 0;
        for (long id : untold()) {
            if (claim(id)) {
                sent += tell(table.get(id).orElseThrow()) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean tell(Export e) {
        boolean scheduled = ExportService.SCHEDULE.equals(e.createdBy());
        if (!scheduled) {
            return mailer != Mailer.NOT_CONFIGURED && send(e);
        }
        Optional<Owners.Owner> owner = new Owners(jdbi).of(e.workspaceId());
        if (owner.isEmpty()) {
            return false;
        }
        try {
            if (e.status() == ExportStatus.FAILED) {
                alerts.failed(e, owner.get().workspace());
            } else {
                alerts.succeeded(e, owner.get().workspace());
            }
            return true;
        } catch (RuntimeException x) {
            LOG.warn("the alert about scheduled export {} of workspace {} was not recorded: {}", e.id(),
                    e.workspaceId(), x.getMessage());
            return false;
        }
    }

    private boolean send(Export e) {
        long id = e.id();
        Optional<Owners.Owner> owner = new Owners(jdbi).of(e.workspaceId());
        if (owner.isEmpty()) {
            return false;
        }
        Owners.Owner o = owner.get();
        try {
            mailer.send(FailureMail.compose(new FailureMail.Failure(o.email(), o.name(), o.workspace(), e.id(),
                    e.formats(), ExportService.SCHEDULE.equals(e.createdBy()), e.createdBy(), e.finishedAt(),
                    e.error(), publicUrl == null ? null : publicUrl + PAGE)));
            return true;
        } catch (MailException | RuntimeException x) {
            LOG.warn("the email about failed export {} of workspace {} was not sent: {}", id, e.workspaceId(),
                    x.getMessage());
            return false;
        }
    }

    /** Failed exports, and finished scheduled ones (they may resolve an alert), not told yet, oldest first. */
    private List<Long> untold() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM exports WHERE mailed_at IS NULL AND (status = "
                + "'failed' OR (status = 'done' AND created_by = :schedule)) ORDER BY id")
                .bind("schedule", ExportService.SCHEDULE).setMaxRows(100).mapTo(Long.class).list());
    }

    private boolean claim(long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET mailed_at = :now WHERE id = :id AND "
                + "mailed_at IS NULL").bind("now", clock.millis()).bind("id", id).execute()) == 1;
    }

}
