package dev.cairn.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import dev.cairn.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed export emails the workspace's owner through the platform's mail (a real SMTP server in this JVM), once per
 * failure whichever job run or process sees it, saying what failed and what to do, with no secret in it: an export
 * started by hand with the export's own email, a scheduled one through the platform's {@code export-failed} alert
 * ({@link ExportFailureAlertTest} has its webhook, repeat and recovery).
 */
class ExportFailureMailTest {
    private static final String RELAY_PASSWORD = "relay-pw-5e1d";
    private static final String PUBLIC_URL = "https://cairn.example.com";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay", RELAY_PASSWORD));

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at(Instant.parse("2025-01-02T03:04:05Z"));
    ExportFixtures fixtures;
    TestServer server;
    ExportModule module;
    long workspace;

    @BeforeEach
    void start() throws Exception {
        MailConfig relay = new MailConfig("127.0.0.1", SMTP.getSmtp().getPort(), MailSecurity.NONE, "relay",
                RELAY_PASSWORD, "Cairn <cairn@example.com>", Duration.ofSeconds(5));
        ExportFixtures f = fixtures = ExportFixtures.start(dir, clock, c -> c.withPublicUrl(PUBLIC_URL).withMail(relay));
        server = f.server();
        module = f.module();
        workspace = f.workspace();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aFailedScheduledExportEmailsTheOwnerOnceThroughTheAlerts() throws Exception {
        String token = server.token("ann", TokenScope.FULL);
        ExportTable table = fixtures.table(clock);
        long id = table.queue(workspace, ExportRequest.full(List.of("csv")), ExportService.SCHEDULE);
        table.claim(id, null);
        clock.advance(Duration.ofMinutes(3));
        assertThat(module.heartbeats().failStale()).isEqualTo(1);

        assertThat(module.notices().sendPending()).as("the alert raised").isEqualTo(1);
        assertThat(module.notices().sendPending()).isZero();
        assertThat(SMTP.getReceivedMessages()).as("no email of the export's own").isEmpty();
        server.core().alertJob().run();
        server.core().alertJob().run();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(mail.getSubject()).isEqualTo("Cairn: a scheduled export failed (ann)");
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
        assertThat(body).contains("Hello ann,", "The scheduled export 1 of your workspace", "formats: csv",
                "the server running the export stopped", PUBLIC_URL + "/web/export", "wait for the next scheduled export");
        assertThat(body).doesNotContain(token, RELAY_PASSWORD, "password");
    }

    @Test
    void eachFailureIsMailedOnceAndAManualOneNamesWhoStartedIt() throws Exception {
        ExportTable table = fixtures.table(clock);
        long first = table.queue(workspace, ExportRequest.full(List.of("sqlite", "xlsx")), "ann");
        table.claim(first, null);
        table.failed(first, "the encrypted export needs more space than your quota has left");
        long done = table.queue(workspace, ExportRequest.full(List.of("csv")), "ann");
        table.claim(done, null);
        table.done(done, new ExportTable.Built(1, "m", "b", 1, ExportMode.FULL, null));
        assertThat(module.notices().sendPending()).isEqualTo(1);
        long second = table.queue(workspace, ExportRequest.full(List.of("csv")), "ann");
        table.claim(second, null);
        table.failed(second, "the server stopped during the export; export again");
        assertThat(module.notices().sendPending()).isEqualTo(1);
        assertThat(module.notices().sendPending()).isZero();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(GreenMailUtil.getBody(received[0]).replace("=\r\n", ""))
                .contains("The export " + first + " of your Cairn workspace \"ann\", started by ann,", "quota")
                .doesNotContain("scheduled");
        assertThat(GreenMailUtil.getBody(received[1]).replace("=\r\n", "")).contains("the server stopped");
    }

    @Test
    void aScheduleLeftWithoutRecipientsStartsNothingAndEmailsTheOwnerOncePerIncident() throws Exception {
        String key = dev.cairn.export.crypt.Age.newIdentity()[1];
        long nas = module.recipients().add(workspace, "nas", key, "ann").id();
        module.schedules().set(workspace, ScheduleSetting.of("hours", 1, null, null, List.of("csv"), null, null),
                "ann");
        assertThat(module.incidents().check()).isZero();
        module.recipients().remove(workspace, nas);

        assertThat(module.incidents().check()).isEqualTo(1);
        assertThat(module.schedules().require(workspace).noRecipientSince()).isEqualTo(clock.instant());
        for (int run = 0; run < 3; run++) {
            clock.advance(Duration.ofHours(1));
            assertThat(module.schedules().runDue()).isZero();
            assertThat(module.incidents().check()).isZero();
        }
        assertThat(module.exports().list(workspace)).isEmpty();
        assertThat(module.notices().sendPending()).isZero();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject())
                .isEqualTo("Cairn: scheduled exports of the workspace ann are paused (no recipient)");
        assertThat(GreenMailUtil.getBody(received[0]).replace("=\r\n", ""))
                .contains("Hello ann,", "has no recipient left", PUBLIC_URL + "/web/export");

        module.recipients().add(workspace, "nas again", key, "ann");
        assertThat(module.incidents().check()).isZero();
        assertThat(module.schedules().require(workspace).noRecipientSince()).isNull();
        module.recipients().remove(workspace, module.recipients().list(workspace).getFirst().id());
        assertThat(module.incidents().check()).as("a new incident, a new email").isEqualTo(1);
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
    }
}
