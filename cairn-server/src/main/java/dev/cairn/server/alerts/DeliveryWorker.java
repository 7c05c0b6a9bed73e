package dev.cairn.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.Mailer;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due messages of the outbox: emails through the platform's mailer to the account's address, webhooks
 * through {@link WebhookSender} to the URL and with the secret saved now. Each attempt is claimed first (see
 * {@link Deliveries}) and its outcome recorded; nothing is sent inside a database transaction. Thread-safe.
 */
final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 100;
    /** A run stops taking new messages after this long, so a slow receiver cannot hold the job for long. */
    static final java.time.Duration BUDGET = java.time.Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Mailer mailer;
    private final String publicUrl;
    private final WebhookSender webhooks = new WebhookSender();
    private final java.util.function.LongSupplier nanoTime = System::nanoTime; // an operational bound, not a decision

    DeliveryWorker(Jdbi jdbi, InstantSource clock, Mailer mailer, String publicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    /**
     * Attempts due messages once each, oldest first, taking no new one after {@link #BUDGET} (the rest wait for the
     * next run); returns how many were delivered.
     */
    int sendDue() throws InterruptedException {
        List<Delivery> due = jdbi.withHandle(h -> Deliveries.due(h, clock.instant(), BATCH));
        int delivered = 0;
        long start = nanoTime.getAsLong();
        for (Delivery d : due) {
            if (nanoTime.getAsLong() - start > BUDGET.toNanos()) {
                break;
            }
            if (jdbi.inTransaction(h -> Deliveries.claim(h, d, clock.instant())) && attempt(d)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean attempt(Delivery d) throws InterruptedException {
        int attempt = d.attempts() + 1;
        Recipient to = jdbi.withHandle(h -> h.createQuery("SELECT name, email FROM accounts WHERE id = :a")
                .bind("a", d.accountId()).map((rs, ctx) -> new Recipient(rs.getString("name"), rs.getString("email")))
                .one());
        AlertSettings settings = jdbi.withHandle(h -> SettingsStore.get(h, d.accountId()));
        String error;
        boolean retryMayHelp = true;
        if (Deliveries.EMAIL.equals(d.channel())) {
            JsonNode payload = Payloads.read(d.payload());
            try {
                mailer.send(AlertMail.of(payload, to.name(), to.email(), publicUrl, settings.repeatHours()));
                error = null;
            } catch (MailException e) {
                error = "the mail relay refused the email: " + e.getMessage();
                retryMayHelp = e.retryMayHelp();
            }
        } else if (!settings.hasWebhook()) {
            error = "the webhook was removed from the alert settings";
            retryMayHelp = false;
        } else {
            error = webhooks.send(settings.webhookUrl(), settings.webhookSecret(), d.payload());
        }
        String failure = error;
        boolean retry = retryMayHelp;
        jdbi.useTransaction(h -> {
            if (failure == null) {
                Deliveries.delivered(h, d.id(), clock.instant());
            } else {
                Deliveries.attemptFailed(h, d.id(), attempt, failure, retry, clock.instant());
            }
        });
        if (failure != null) {
            LOG.warn("alert {} by {} to account '{}', attempt {}: {}", d.id(), d.channel(), to.name(), attempt,
                    failure);
        }
        return failure == null;
    }

    private record Recipient(String name, String email) {
    }
}
