package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.mail.MailException;
import dev.cairn.server.mail.SmtpMailer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.mail.InvitationMail;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured relay that is down (nothing listens on its port): invitations are still created and kept; the API says
 * the email was not sent and why, and the members page shows the reason and the link to pass on by hand.
 */
class InvitationRelayDownTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: connections to it are refused
        }
        server = WorkspaceServer.start(dir.resolve("server"), c -> c.withPublicUrl("http://cairn.example.com")
                .withMail(InvitationMailTest.relay(deadPort, "relay-pw", Duration.ofSeconds(2))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theApiKeepsTheInvitationAndSaysTheEmailWasNotSent() throws Exception {
        server.account("rdann");
        String token = server.token("rdann", TokenScope.FULL);
        var r = server.send(server.request("/api/v1/workspace/invites").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"rdguest@example.com\", \"role\": \"viewer\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = new ObjectMapper().readTree(r.body());
        assertThat(created.get("emailSent").asBoolean()).isFalse();
        assertThat(created.get("emailNotSentReason").asText()).contains("127.0.0.1:" + deadPort)
                .contains("could not be used");
        assertThat(created.get("link").asText()).isEqualTo("http://cairn.example.com/web/invitation?code="
                + created.get("code").asText());

        var workspaces = WorkspaceServer.module(server).workspaces();
        var caller = workspaces.resolve(server.core().accounts().require("rdann").id(), "rdann", null, false);
        assertThat(workspaces.invitations(caller)).singleElement()
                .satisfies(i -> assertThat(i.email()).isEqualTo("rdguest@example.com"));
    }

    @Test
    void thePageShowsTheReasonAndTheLinkToPassOn() throws Exception {
        WebClient owner = new WebClient(server);
        assertThat(owner.signUp("rdpage", "rdpage-password").statusCode()).isEqualTo(303);
        owner.get("/web/workspace/rdpage/members");
        var r = owner.post("/web/workspace/rdpage/invites", "email", "rdpageguest@example.com", "role", "editor");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("The email could not be sent (the mail relay 127.0.0.1:" + deadPort)
                .contains("pass this link on yourself")
                .contains("id=\"invite-link\">http://cairn.example.com/web/invitation?code");
        assertThat(owner.get("/web/workspace/rdpage/members").body()).contains("rdpageguest@example.com as editor");
    }

    @Test
    void aRefusedConnectionIsAFailureThatARetryMayFix() throws IOException {
        SmtpMailer mailer = new SmtpMailer(InvitationMailTest.relay(deadPort, "relay-pw", Duration.ofSeconds(2)),
                InstantSource.system());
        MailException e = catchThrowableOfType(MailException.class, () -> mailer.send(InvitationMail.compose(
                new InvitationMail.Invite("x@example.com", "w", "ann", "viewer", "http://cairn.example.com/x",
                        Instant.EPOCH))));
        assertThat(e.retryMayHelp()).isTrue();
        assertThat(e.getMessage()).contains("ConnectException");
    }
}
