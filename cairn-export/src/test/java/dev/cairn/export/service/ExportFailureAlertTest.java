package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cairn.export.crypt.Age;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.server.TestServer;
import dev.cairn.server.alerts.AlertJob;
import dev.cairn.server.alerts.WebhookReceiver;
import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import dev.cairn.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled export that fails for real (the owner's quota refuses the bundle) raises the platform's
 * {@code export-failed} alert end to end: a real server with the export feature on a mutable clock, a real SMTP server
 * (GreenMail) and the signed webhook receiver of the alert tests. One email and one webhook per incident, not the
 * export's own failure email as well; a second failure while it is open adds nothing; the alerts job repeats it after
 * the account's period; the next scheduled export that succeeds closes it with a recovery message. The jobs are run by
 * hand after moving the clock (their schedule is real time); the export's background pool is awaited.
 */
class ExportFailureAlertTest {
    private static final String SECRET = "hook-secret-9a7b";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay", "relay-pw"));

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T08:00:00Z"));
    TestServer server;
    ExportFixtures fixtures;
    ExportModule module;
    WebhookReceiver hook;
    AlertJob alerts;

    @BeforeEach
    void start() throws Exception {
        MailConfig relay = new MailConfig("127.0.0.1", SMTP.getSmtp().getPort(), MailSecurity.NONE, "relay",
                "relay-pw", "Cairn <cairn@example.com>", Duration.ofSeconds(5));
        fixtures = ExportFixtures.start(dir, clock, c -> c.withPublicUrl("https://backup.example.com").withMail(relay));
        server = fixtures.server();
        module = fixtures.module();
        hook = new WebhookReceiver();
        HttpResponse<String> saved = server.send(server.request("/api/v1/account/alerts")
                .header("Authorization", TestServer.basic("ann", TestServer.password("ann")))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":true,\"webhookUrl\":\"" + hook.url() + "\",\"webhookSecret\":\"" + SECRET
                                + "\",\"repeatHours\":24}")).build());
        assertThat(saved.statusCode()).isEqualTo(200);
        alerts = server.core().alertJob();
        module.recipients().add(fixtures.workspace(), "nas", Age.newIdentity()[1], "ann");
        module.schedules().set(fixtures.workspace(), ScheduleSetting.of("hours", 1, null, null, List.of("csv"), null,
                null), "ann");
    }

    @AfterEach
    void stop() throws Exception {
        hook.close();
        server.close();
    }

    @Test
    void aFailedScheduledExportAlertsOnceRepeatsAndTheNextSuccessResolvesIt() throws Exception {
        quota(1L);
        Export failed = scheduledRun();
        assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(failed.error()).contains("quota");
        module.notices().sendPending();
        assertThat(module.notices().sendPending()).as("told once").isZero();
        alerts.run();

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).as("the alert's email only, not the export's own as well").hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("Cairn: a scheduled export failed (ann)");
        assertThat(body(mails[0])).contains("Hello ann,", "The scheduled export " + failed.id()
                + " of your workspace \"ann\" failed", "formats: csv", "quota",
                "https://backup.example.com/web/export", "every 24 hours").doesNotContain(SECRET);
        JsonNode opened = single(webhooks());
        assertThat(opened.path("alert").asText()).isEqualTo("export-failed");
        assertThat(opened.path("state").asText()).isEqualTo("open");
        assertThat(opened.path("subject").asText()).isEqualTo("ann");
        assertThat(opened.path("account").asText()).isEqualTo("ann");
        assertThat(server.core().alerts().openIncidents(fixtures.ann())).hasSize(1);

        Export again = scheduledRun();
        assertThat(again.status()).isEqualTo(ExportStatus.FAILED);
        module.notices().sendPending();
        alerts.run();
        assertThat(SMTP.getReceivedMessages()).as("the incident is open already").hasSize(1);
        assertThat(hook.received()).hasSize(1);

        clock.advance(Duration.ofHours(23));
        alerts.run();
        assertThat(SMTP.getReceivedMessages()).as("repeated once its 24 hours passed").hasSize(2);
        assertThat(SMTP.getReceivedMessages()[1].getSubject())
                .isEqualTo("Cairn: Still open: a scheduled export failed (ann)");
        assertThat(webhooks().get(1).path("state").asText()).isEqualTo("repeat");

        quota(null);
        Export ok = scheduledRun();
        assertThat(ok.status()).as(String.valueOf(ok.error())).isEqualTo(ExportStatus.DONE);
        module.notices().sendPending();
        alerts.run();
        assertThat(SMTP.getReceivedMessages()).hasSize(3);
        MimeMessage resolved = SMTP.getReceivedMessages()[2];
        assertThat(resolved.getSubject()).isEqualTo("Cairn: Resolved: a scheduled export failed (ann)");
        assertThat(body(resolved)).contains("The scheduled export " + ok.id(), "scheduled exports work again");
        assertThat(webhooks().get(2).path("state").asText()).isEqualTo("resolved");
        assertThat(server.core().alerts().openIncidents(fixtures.ann())).isEmpty();

        clock.advance(Duration.ofHours(25));
        module.notices().sendPending();
        alerts.run();
        assertThat(SMTP.getReceivedMessages()).as("closed: no repeat, nothing more").hasSize(3);
        assertThat(hook.received()).hasSize(3);
    }

    /** Sets ann's quota (null: her plan's) directly, as an operator's change would. */
    private void quota(Long bytes) {
        server.core().database().jdbi().useHandle(h -> h.createUpdate("UPDATE accounts SET quota_bytes = :q WHERE id = :a")
                .bind("q", bytes).bind("a", fixtures.ann()).execute());
    }

    /** Moves the clock past the schedule's next run, runs the schedule job, and awaits the export it started. */
    private Export scheduledRun() throws InterruptedException {
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(module.schedules().runDue()).isEqualTo(1);
        for (int i = 0; i < 3000; i++) {
            Export e = module.exports().list(fixtures.workspace()).getFirst();
            if (e.status() == ExportStatus.DONE || e.status() == ExportStatus.FAILED) {
                assertThat(e.createdBy()).isEqualTo(ExportService.SCHEDULE);
                return e;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the scheduled export did not end");
    }

    private List<JsonNode> webhooks() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (WebhookReceiver.Received r : hook.received()) {
            assertThat(WebhookReceiver.verified(r, SECRET)).as("signature of %s", r.body()).isTrue();
            out.add(JSON.readTree(r.body()));
        }
        return out;
    }

    private static JsonNode single(List<JsonNode> all) {
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static String body(MimeMessage mail) {
        return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
    }
}
