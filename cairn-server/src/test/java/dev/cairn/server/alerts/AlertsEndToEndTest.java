package dev.cairn.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.auth.DeviceGrant;
import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import dev.cairn.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts end to end: a real server on a mutable clock, a real SMTP server (GreenMail) and a local webhook receiver
 * that checks every signature. The alerts job is run by hand after moving the clock (its schedule is real time).
 */
class AlertsEndToEndTest {
    private static final String SECRET = "webhook-secret-7c1e4a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay", "relay-pw"));

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T08:00:00Z"));
    TestServer server;
    WebhookReceiver hook;
    long ann;
    DeviceGrant laptop;
    AlertJob job;

    /** How the server under test stores its metadata (SQLite here; {@link AlertsEndToEndPostgresTest}). */
    dev.cairn.server.ServerConfig storage(dev.cairn.server.ServerConfig config) {
        return config;
    }

    @BeforeEach
    void start() throws Exception {
        MailConfig relay = new MailConfig("127.0.0.1", SMTP.getSmtp().getPort(), MailSecurity.NONE, "relay",
                "relay-pw", "Cairn <cairn@example.com>", Duration.ofSeconds(5));
        server = TestServer.start(dir, c -> storage(c.withPublicUrl("https://backup.example.com").withMail(relay)),
                clock);
        hook = new WebhookReceiver();
        ann = server.account("ann").id();
        laptop = server.core().devices().signIn(ann, "laptop", TokenScope.APPEND);
        HttpResponse<String> saved = server.send(server.request("/api/v1/account/alerts")
                .header("Authorization", TestServer.basic("ann", TestServer.password("ann")))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":true,\"webhookUrl\":\"" + hook.url() + "\",\"webhookSecret\":\"" + SECRET
                                + "\",\"repeatHours\":24}")).build());
        assertThat(saved.statusCode()).isEqualTo(200);
        job = server.core().alertJob();
    }

    @AfterEach
    void stop() throws Exception {
        hook.close();
        server.close();
    }

    private int postRun(String kind, String status, boolean damage) throws Exception {
        return postRun(kind, status, damage, clock.instant());
    }

    private int postRun(String kind, String status, boolean damage, Instant now) throws Exception {
        String body = "{\"runId\":\"" + UUID.randomUUID() + "\",\"kind\":\"" + kind + "\",\"set\":\"home\","
                + "\"repository\":\"laptop\",\"host\":\"ann-pc\",\"startedAt\":\"" + now.minusSeconds(60)
                + "\",\"endedAt\":\"" + now + "\",\"status\":\"" + status + "\",\"damageFound\":" + damage
                + (damage ? ",\"errors\":[\"pack 1f2e3d: hash mismatch\"]" : "") + "}";
        return server.post("/api/v1/runs", "application/json", body, "Authorization", "Bearer "
                + laptop.token().token()).statusCode();
    }

    private List<JsonNode> webhooks() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (WebhookReceiver.Received r : hook.received()) {
            assertThat(WebhookReceiver.verified(r, SECRET)).as("signature of %s", r.body()).isTrue();
            out.add(JSON.readTree(r.body()));
        }
        return out;
    }

    private static String body(MimeMessage mail) {
        return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
    }

    @Test
    void noBackupForThreeDaysOpensRepeatsOncePerDayAndResolvesWithTheNextBackup() throws Exception {
        assertThat(postRun("backup", "success", false)).isEqualTo(201);
        clock.advance(Duration.ofDays(3).minusMinutes(1));
        job.run();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(hook.received()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(job.run()).isEqualTo(2);
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("Cairn: no recent backup (laptop)");
        assertThat(body(mails[0])).contains("Hello ann,", "No successful backup of laptop for 3 days",
                "every 24 hours", "https://backup.example.com/alerts").doesNotContain(SECRET);
        JsonNode opened = webhooks().getFirst();
        assertThat(opened.path("alert").asText()).isEqualTo("no-backup");
        assertThat(opened.path("state").asText()).isEqualTo("open");
        assertThat(opened.path("device").asText()).isEqualTo("laptop");
        assertThat(opened.path("at").asText()).isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofHours(1));
        job.run();
        clock.advance(Duration.ofHours(22));
        job.run();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(hook.received()).hasSize(1);

        clock.advance(Duration.ofHours(1));
        job.run();
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(SMTP.getReceivedMessages()[1].getSubject()).isEqualTo("Cairn: Still open: no recent backup (laptop)");
        assertThat(webhooks().get(1).path("state").asText()).isEqualTo("repeat");
        job.run();
        assertThat(hook.received()).hasSize(2);

        clock.advance(Duration.ofHours(3));
        assertThat(postRun("backup", "success", false)).isEqualTo(201);
        job.run();
        assertThat(SMTP.getReceivedMessages()).hasSize(3);
        MimeMessage resolved = SMTP.getReceivedMessages()[2];
        assertThat(resolved.getSubject()).isEqualTo("Cairn: Resolved: no recent backup (laptop)");
        assertThat(body(resolved)).contains("laptop backed up successfully at " + clock.instant());
        assertThat(webhooks().get(2).path("state").asText()).isEqualTo("resolved");
        clock.advance(Duration.ofDays(1));
        job.run();
        assertThat(hook.received()).hasSize(3);
        assertThat(server.core().alerts().openIncidents(ann)).isEmpty();
    }

    @Test
    void aComputerWhoseClockRunsAheadCannotPostponeItsAlert() throws Exception {
        assertThat(postRun("backup", "success", false, clock.instant().plus(Duration.ofDays(30)))).isEqualTo(201);
        clock.advance(Duration.ofDays(3));
        job.run();
        assertThat(webhooks()).extracting(n -> n.path("alert").asText() + "/" + n.path("state").asText())
                .containsExactly("no-backup/open");
    }

    @Test
    void aBackupStoredWhileTheServerClockWasADayAheadDoesNotPostponeTheAlertOnceTheClockIsPutRight() throws Exception {
        Instant real = clock.instant();
        clock.set(real.plus(Duration.ofHours(25)));
        HttpResponse<String> snapshot = server.send(server.request("/api/v1/repos/laptop/objects/snapshots/"
                + "%064x".formatted(7)).header("Authorization", "Bearer " + laptop.token().token())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100])).build());
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(201);
        clock.set(real.plus(Duration.ofMinutes(2)));
        job.run();
        assertThat(hook.received()).as("the backup counts: no alert yet").isEmpty();
        clock.set(real.plus(Duration.ofDays(3).plusMinutes(3)));
        job.run();
        assertThat(webhooks()).as("three days after the clock was put right, not a day later")
                .extracting(n -> n.path("alert").asText() + "/" + n.path("state").asText())
                .containsExactly("no-backup/open");
    }

    @Test
    void aDeviceWithItsOwnThresholdAlertsLaterOrNever() throws Exception {
        server.core().alertSettings().putNoBackupDays(ann, "laptop", 5);
        assertThat(postRun("backup", "success", false)).isEqualTo(201);
        clock.advance(Duration.ofDays(4));
        job.run();
        assertThat(hook.received()).isEmpty();
        clock.advance(Duration.ofDays(1));
        job.run();
        assertThat(webhooks()).extracting(n -> n.path("state").asText()).containsExactly("open");
        server.core().alertSettings().putNoBackupDays(ann, "laptop", 0);
        job.run();
        assertThat(webhooks()).extracting(n -> n.path("state").asText()).containsExactly("open", "resolved");
    }

    @Test
    void aWebhookIsRetriedWithBackoffUntilTheReceiverAccepts() throws Exception {
        hook.failNext(500, 503);
        server.core().alerts().raise(ann, AlertKind.EXPORT_FAILED, "ann", "The scheduled export 4 failed: the "
                + "quota is full.");
        server.core().alerts().raise(ann, AlertKind.EXPORT_FAILED, "ann", "raised twice: told once");
        job.deliver();
        assertThat(hook.received()).hasSize(1);
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        Delivery first = webhookDelivery();
        assertThat(first.state()).isEqualTo("pending");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("HTTP 500");

        clock.advance(Duration.ofSeconds(59));
        job.deliver();
        assertThat(hook.received()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        job.deliver();
        assertThat(hook.received()).hasSize(2);
        assertThat(webhookDelivery().lastError()).contains("HTTP 503");
        clock.advance(Duration.ofMinutes(2));
        job.deliver();
        List<JsonNode> sent = webhooks();
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(n -> assertThat(n.path("alert").asText()).isEqualTo("export-failed"));
        assertThat(hook.received().stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
        Delivery done = webhookDelivery();
        assertThat(done.state()).isEqualTo("delivered");
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastError()).isNull();
        clock.advance(Duration.ofHours(1));
        job.deliver();
        assertThat(hook.received()).hasSize(3);

        server.core().alerts().resolve(ann, AlertKind.EXPORT_FAILED, "ann", "The scheduled export 5 succeeded.");
        job.deliver();
        assertThat(webhooks().getLast().path("state").asText()).isEqualTo("resolved");
        assertThat(webhooks().getLast().path("message").asText()).isEqualTo("The scheduled export 5 succeeded.");
    }

    @Test
    void aWebhookThatFailedWhileTheClockWasADayAheadIsRetriedOnceTheClockIsPutRight() throws Exception {
        Instant real = clock.instant();
        clock.set(real.plus(Duration.ofHours(25)));
        hook.failNext(503);
        server.core().alerts().raise(ann, AlertKind.EXPORT_FAILED, "ann", "export failed while the clock was ahead");
        job.deliver();
        assertThat(webhookDelivery().attempts()).isEqualTo(1);
        clock.set(real.plus(Duration.ofMinutes(2)));
        job.deliver();
        assertThat(hook.received()).as("retried now, not a day later").hasSize(2);
        assertThat(webhookDelivery().state()).isEqualTo("delivered");
    }

    @Test
    void anIncidentOpenedWhileTheClockWasADayAheadRepeatsAPeriodAfterTheClockIsPutRight() throws Exception {
        Instant real = clock.instant();
        clock.set(real.plus(Duration.ofHours(25)));
        server.core().alerts().raise(ann, AlertKind.EXPORT_FAILED, "ann", "export failed while the clock was ahead");
        job.run();
        assertThat(hook.received()).hasSize(1);
        clock.set(real.plus(Duration.ofMinutes(2)));
        job.run();
        assertThat(hook.received()).as("putting the clock right sends nothing by itself").hasSize(1);
        clock.set(real.plus(Duration.ofHours(24)));
        job.run();
        assertThat(hook.received()).as("not before its period").hasSize(1);
        clock.set(real.plus(Duration.ofHours(24).plusMinutes(3)));
        job.run();
        assertThat(hook.received()).as("repeated a period after the clock was put right, not a day later").hasSize(2);
        assertThat(webhooks().get(1).path("state").asText()).isEqualTo("repeat");
        clock.set(real.plus(Duration.ofHours(26)));
        job.run();
        assertThat(hook.received()).as("once").hasSize(2);
    }

    @Test
    void aReceiverThatKeepsFailingGetsABoundedNumberOfAttempts() throws Exception {
        hook.failNext(500, 500, 500, 500, 500, 500, 500, 500);
        server.core().alerts().raise(ann, AlertKind.EXPORT_FAILED, "ann", "export failed");
        for (int i = 0; i < 10; i++) {
            job.deliver();
            clock.advance(Duration.ofMinutes(20));
        }
        assertThat(hook.received()).hasSize(Deliveries.MAX_ATTEMPTS);
        assertThat(webhookDelivery().state()).isEqualTo("failed");
        assertThat(webhookDelivery().attempts()).isEqualTo(Deliveries.MAX_ATTEMPTS);
    }

    private Delivery webhookDelivery() {
        return server.core().alerts().recentDeliveries(ann, 10).stream().filter(d -> d.channel().equals("webhook"))
                .findFirst().orElseThrow();
    }

    @Test
    void quotaAlertsAt80And100PercentCloseWhenBackUnder80() throws Exception {
        server.core().accounts().setQuota("ann", 1000L);
        String token = server.token("ann", TokenScope.FULL);
        assertThat(put(token, 1, 850).statusCode()).isEqualTo(201);
        job.run();
        assertThat(webhooks()).extracting(n -> n.path("alert").asText() + "/" + n.path("state").asText())
                .containsExactly("quota-80/open");
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Cairn: storage 80 % full");
        assertThat(body(SMTP.getReceivedMessages()[0])).contains("85 % of its quota");
        assertThat(put(token, 2, 150).statusCode()).isEqualTo(201);
        job.run();
        assertThat(webhooks().getLast().path("alert").asText()).isEqualTo("quota-100");
        server.core().accounts().setQuota("ann", 10_000L);
        job.run();
        assertThat(webhooks()).extracting(n -> n.path("alert").asText() + "/" + n.path("state").asText())
                .containsExactly("quota-80/open", "quota-100/open", "quota-100/resolved", "quota-80/resolved");
        job.run();
        assertThat(hook.received()).hasSize(4);
    }

    private HttpResponse<String> put(String token, int n, int bytes) throws Exception {
        return server.send(server.request("/api/v1/repos/r/objects/data/" + String.format("%064x", n))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(
                        new byte[bytes])).build());
    }

    @Test
    void aCheckThatFoundDamageAlertsAndACleanCheckResolves() throws Exception {
        assertThat(postRun("check", "failed", true)).isEqualTo(201);
        job.deliver();
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Cairn: a check found damage (laptop)");
        assertThat(body(SMTP.getReceivedMessages()[0])).contains("pack 1f2e3d: hash mismatch", "cairn check");
        assertThat(postRun("check", "failed", true)).isEqualTo(201);
        assertThat(postRun("check", "success", false)).isEqualTo(201);
        job.deliver();
        assertThat(webhooks()).extracting(n -> n.path("alert").asText() + "/" + n.path("state").asText())
                .containsExactly("check-damage/open", "check-damage/resolved");
    }

    @Test
    void aSignedOutDeviceThatStillTriesIsReportedOnceAndResolvedBySigningInAgain() throws Exception {
        server.core().devices().revoke(ann, laptop.token().id());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = server.send(server.request("/api/v1/repos")
                    .header("Authorization", "Bearer " + laptop.token().token()).GET().build());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("token-revoked");
        }
        job.run();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Cairn: a device is signed out (laptop)");
        assertThat(body(SMTP.getReceivedMessages()[0])).contains("cairn login", "was revoked");
        JsonNode opened = webhooks().getFirst();
        assertThat(opened.path("alert").asText()).isEqualTo("device-signed-out");
        assertThat(opened.path("device").asText()).isEqualTo("laptop");
        clock.advance(Duration.ofDays(2));
        job.run();
        assertThat(hook.received()).hasSize(1);

        server.core().devices().signIn(ann, "laptop", TokenScope.APPEND);
        job.run();
        assertThat(webhooks()).extracting(n -> n.path("state").asText()).containsExactly("open", "resolved");
        assertThat(SMTP.getReceivedMessages()[1].getSubject()).isEqualTo("Cairn: Resolved: a device is signed out (laptop)");
    }

    @Test
    void anAccountWithoutAnyChannelStillSeesItsIncidents() throws Exception {
        server.core().alertSettings().put(ann, false, null, null, 24);
        server.core().alerts().raise(ann, AlertKind.EXPORT_FAILED, "ann", "export failed");
        job.run();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(hook.received()).isEmpty();
        assertThat(server.core().alerts().openIncidents(ann)).extracting(Incident::kind).contains("export-failed");
    }
}
