package dev.cairn.export.service;

import dev.cairn.export.mail.FailureMail;
import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.Mailer;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails the owning account of a workspace once for each failed export (the job). A failure is taken by one
 * conditional update of {@code exports.mailed_at} before its email is sent, so no failure is mailed twice, by this
 * process or another; an email the relay refuses is logged and not sent again (the page shows the failure anyway).
 * A server without a mail relay takes the failures and sends nothing. Thread-safe.
 */
public final class FailureNotices {
    private static final Logger LOG = LoggerFactory.getLogger(FailureNotices.class);
    static final String PAGE = "/web/export";
    private final Jdbi jdbi;
    private final ExportTable table;
    private final Mailer mailer;
    private final String publicUrl;
    private final InstantSource clock;

    FailureNotices(Jdbi jdbi, ExportTable table, Mailer mailer, String publicUrl, InstantSource clock) {
        this.jdbi = jdbi;
        this.table = table;
        this.mailer = mailer;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The Onsite copy page's address under the server's public URL; null without one. */
    static String page(String publicUrl) {
        return publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "") + PAGE;
    }

    /** Mails every failure not mailed yet; returns how many emails the relay accepted. */
    public int sendPending() {
        int sent = 0;
        for (long id : unmailed()) {
            if (claim(id) && mailer != Mailer.NOT_CONFIGURED) {
                sent += send(id) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean send(long id) {
        Export e = table.get(id).orElseThrow();
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

    private List<Long> unmailed() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM exports WHERE status = 'failed' AND mailed_at IS NULL "
                + "ORDER BY id").setMaxRows(100).mapTo(Long.class).list());
    }

    private boolean claim(long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET mailed_at = :now WHERE id = :id AND "
                + "mailed_at IS NULL").bind("now", clock.millis()).bind("id", id).execute()) == 1;
    }

}
