package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.LogCapture;
import dev.cairn.server.TestServer;
import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import dev.cairn.server.mail.SmtpMailer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.mail.InvitationMail;
import dev.cairn.workspace.mail.InvitationSender;
import dev.cairn.workspace.members.Caller;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invitation emails through a real SMTP server in this JVM (GreenMail, with a relay login): invited through the API
 * and through the members page, one email arrives with a link that the invited account follows and accepts; with the
 * relay down or silent the invitation is kept and the owner gets the link and the reason; CR/LF in names adds no
 * header; the relay password appears in no log line and no reason.
 */
class InvitationMailTest {
    private static final String RELAY_USER = "cairn-relay";
    private static final String RELAY_PASSWORD = "relay-pw-9f3c1b7e";
    private static final Pattern LINK = Pattern.compile("(https?://[^/\\s]+)(/web/invitation\\?code=\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(RELAY_USER, RELAY_PASSWORD))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dir;
    static TestServer server;
    static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        int port = freePort();
        publicUrl = "http://127.0.0.1:" + port;
        server = WorkspaceServer.start(dir.resolve("server"), c -> c.withListen("127.0.0.1", port)
                .withPublicUrl(publicUrl).withMail(relay(SMTP.getSmtp().getPort(), RELAY_PASSWORD, Duration.ofSeconds(5))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static MailConfig relay(int port, String password, Duration timeout) {
        return new MailConfig("127.0.0.1", port, MailSecurity.NONE, RELAY_USER, password, "Cairn <cairn@example.com>",
                timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The messages GreenMail received for {@code address}. */
    private static List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                out.add(m);
            }
        }
        return out;
    }

    private static HttpRequest.Builder api(String token, String path) {
        return server.request("/api/v1/workspace" + path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private static JsonNode inviteByApi(String token, String email) throws Exception {
        var r = server.send(api(token, "/invites").POST(HttpRequest.BodyPublishers.ofString(
                "{\"email\": \"" + email + "\", \"role\": \"editor\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    @Test
    void anApiInvitationArrivesByEmailAndTheInvitedAccountAcceptsThroughItsLink() throws Exception {
        server.account("mlann");
        JsonNode created = inviteByApi(server.token("mlann", TokenScope.FULL), "mlguest@example.com");
        assertThat(created.get("emailSent").asBoolean()).isTrue();
        assertThat(created.get("emailNotSentReason").isNull()).isTrue();
        assertThat(created.get("link").asText()).startsWith(publicUrl + "/web/invitation?code=");

        List<MimeMessage> received = to("mlguest@example.com");
        assertThat(received).hasSize(1);
        MimeMessage mail = received.getFirst();
        assertThat(mail.getSubject()).isEqualTo("mlann invites you to the workspace mlann on Cairn");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Cairn <cairn@example.com>");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("as editor").contains("did not expect this invitation")
                .contains(created.get("link").asText());
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(link.group(1)).isEqualTo(publicUrl);

        WebClient guest = new WebClient(server);
        assertThat(guest.signUp("mlguest", "mlguest-password").statusCode()).isEqualTo(303);
        var page = guest.get(link.group(2));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Accept invitation");
        var accepted = guest.post("/web/invitation", "code", created.get("code").asText());
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/web/workspace/mlann/tables?done=joined");
    }

    @Test
    void aPageInvitationSendsOneEmailAndThePageSaysSo() throws Exception {
        WebClient owner = new WebClient(server);
        assertThat(owner.signUp("mlpage", "mlpage-password").statusCode()).isEqualTo(303);
        owner.get("/web/workspace/mlpage/members");
        var r = owner.post("/web/workspace/mlpage/invites", "email", "mlpageguest@example.com", "role", "viewer");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("An email with this link was sent to mlpageguest@example.com")
                .contains("id=\"invite-link\">" + publicUrl + "/web/invitation?code");

        List<MimeMessage> received = to("mlpageguest@example.com");
        assertThat(received).hasSize(1);
        assertThat(GreenMailUtil.getBody(received.getFirst())).contains("as viewer").contains(publicUrl
                + "/web/invitation?code=");
    }

    @Test
    void lineBreaksInNamesAddNoHeaderAndNoRecipient() throws Exception {
        SmtpMailer mailer = new SmtpMailer(relay(SMTP.getSmtp().getPort(), RELAY_PASSWORD, Duration.ofSeconds(5)),
                InstantSource.system());
        mailer.send(InvitationMail.compose(new InvitationMail.Invite("mlinject@example.com",
                "evil\r\nBcc: mlvictim@example.com", "ann\r\nX-Injected: yes\nSubject: other", "viewer",
                publicUrl + "/web/invitation?code=x", Instant.parse("2026-12-01T10:00:00Z"))));

        MimeMessage mail = to("mlinject@example.com").getFirst();
        assertThat(to("mlvictim@example.com")).isEmpty();
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getHeader("Subject")).hasSize(1);
        assertThat(mail.getRecipients(Message.RecipientType.TO)).hasSize(1);
        assertThat(mail.getSubject()).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("ann  X-Injected: yes Subject: other invites you to the workspace evil  Bcc: "
                        + "mlvictim@example.com on Cairn");
        assertThat(GreenMailUtil.getBody(mail)).contains("until 1 December 2026, 10:00 UTC");
    }

    @Test
    void aRefusedLoginIsReportedWithoutThePasswordInTheReasonOrTheLogs() throws Exception {
        String wrong = "wrong-pw-5d2e8a";
        MailConfig config = relay(SMTP.getSmtp().getPort(), wrong, Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain(wrong).contains("***");
        InvitationSender sender = new InvitationSender(WorkspaceServer.module(server).workspaces(),
                new SmtpMailer(config, InstantSource.system()), publicUrl, Duration.ofSeconds(5));
        List<ILoggingEvent> logged = capturingLogs(() -> {
            var sent = sender.invite(owner("mllogin"), "mlloginguest@example.com", "viewer", "http://ignored");
            assertThat(sent.emailSent()).isFalse();
            assertThat(sent.notSentReason()).contains("refused the server's login").doesNotContain(wrong);
        });
        String encoded = Base64.getEncoder().encodeToString(wrong.getBytes(StandardCharsets.UTF_8));
        List<ILoggingEvent> ours = logged.stream().filter(e -> !e.getLoggerName().startsWith("com.icegreen"))
                .toList(); // GreenMail (the relay) traces the SMTP dialogue at DEBUG, login included
        assertThat(ours).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("not sent"))
                .allSatisfy(e -> assertThat(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(e.getThrowableProxy()))).doesNotContain(wrong)
                        .doesNotContain(encoded).doesNotContain(RELAY_PASSWORD));
        assertThat(WorkspaceServer.module(server).workspaces().invitations(owner("mllogin")))
                .anySatisfy(i -> assertThat(i.email()).isEqualTo("mlloginguest@example.com"));
    }

    @Test
    void aRelayThatNeverAnswersDoesNotHoldTheRequestAndTheInvitationIsKept() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept()); // never writes the SMTP greeting
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            InvitationSender sender = new InvitationSender(WorkspaceServer.module(server).workspaces(),
                    new SmtpMailer(relay(silent.getLocalPort(), RELAY_PASSWORD, Duration.ofMillis(300)),
                            InstantSource.system()), publicUrl, Duration.ofMillis(300));
            var sent = sender.invite(owner("mlsilent"), "mlsilentguest@example.com", "viewer", "http://ignored");
            assertThat(sent.emailSent()).isFalse();
            assertThat(sent.notSentReason()).containsAnyOf("did not answer", "SocketTimeoutException");
            assertThat(WorkspaceServer.module(server).workspaces().invitations(owner("mlsilent"))).hasSize(1);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static Caller owner(String name) {
        long id = server.core().accounts().find(name).map(a -> a.id())
                .orElseGet(() -> server.account(name).id());
        return WorkspaceServer.module(server).workspaces().resolve(id, name, null, false);
    }

    private static List<ILoggingEvent> capturingLogs(ThrowingRunnable action) throws Exception {
        try (LogCapture log = LogCapture.root(Level.DEBUG)) {
            action.run();
            return log.events();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
