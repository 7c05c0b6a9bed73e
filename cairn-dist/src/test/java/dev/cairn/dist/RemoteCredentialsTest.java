package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.agent.cli.ExitCodes;
import dev.cairn.protocol.TokenScope;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the agent's token comes from, what a refused one says, scripted login and logout (issue 14). */
class RemoteCredentialsTest {
    @TempDir
    Path tmp;
    RemoteFixture f;
    String repo;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
        repo = f.repo("laptop");
        f.ok("init", "-r", repo);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aRevokedTokenSaysSignedOutWithItsOwnExitCodeAndNoStackTrace() {
        long id = f.server.core().tokens().list(f.accountId).stream().filter(t -> t.name().equals("laptop")).findFirst()
                .orElseThrow().id();
        f.server.core().tokens().revoke(f.accountId, id);
        RemoteFixture.Result r = f.run("snapshots", "-r", repo);
        assertThat(r.code()).as("%s", r).isEqualTo(ExitCodes.SIGNED_OUT);
        assertThat(r.err()).contains("signed out of 127.0.0.1:" + f.server.port())
                .contains("run cairn login " + f.server()).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain(f.appendToken);
    }

    @Test
    void aWrongTokenSaysSignedOut() {
        f.env.put("CAIRN_TOKEN", "cairn_wrong");
        RemoteFixture.Result r = f.run("snapshots", "-r", repo);
        assertThat(r.code()).as("%s", r).isEqualTo(ExitCodes.SIGNED_OUT);
        assertThat(r.err()).contains("signed out of").contains("cairn login");
    }

    @Test
    void theTokenFileWinsOverTheEnvironmentWhichWinsOverTheSavedLogin() throws Exception {
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, f.fullToken + "\n");
        f.env.put("CAIRN_TOKEN", "cairn_wrong");
        assertThat(f.run("snapshots", "-r", repo, "--token-file", tokenFile.toString()).code()).isZero();
        f.runWithInput(RemoteFixture.LOGIN_PASSWORD + "\n", "login", f.server(), "--account", RemoteFixture.ACCOUNT,
                "--password-stdin");
        assertThat(f.run("snapshots", "-r", repo).code()).as("CAIRN_TOKEN before the saved login")
                .isEqualTo(ExitCodes.SIGNED_OUT);
        f.env.remove("CAIRN_TOKEN");
        RemoteFixture.Result r = f.run("snapshots", "-r", repo);
        assertThat(r.code()).as("the saved login: %s", r).isZero();
    }

    @Test
    void scriptedLoginSavesAPrivateTokenAndLogoutRevokesAndDeletesIt() throws Exception {
        f.env.remove("CAIRN_TOKEN");
        RemoteFixture.Result login = f.runWithInput(RemoteFixture.LOGIN_PASSWORD + "\n", "login", f.server(), "--account",
                RemoteFixture.ACCOUNT, "--password-stdin", "--device-name", "test laptop");
        assertThat(login.code()).as("%s", login).isZero();
        assertThat(login.out() + login.err()).contains("signed in to " + f.server()).contains("test laptop")
                .contains("append");
        Path saved = tmp.resolve("config/cairn/credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved.getParent()))).isEqualTo("rwx------");
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(saved.toFile()).path("servers")
                .path("http://127.0.0.1:" + f.server.port()).path("token").asText();
        assertThat(f.server.core().tokens().authenticate(token).scope()).isEqualTo(TokenScope.APPEND);
        assertThat(f.run("snapshots", "-r", repo).code()).isZero();

        RemoteFixture.Result logout = f.run("logout", f.server());
        assertThat(logout.code()).as("%s", logout).isZero();
        assertThat(logout.out() + logout.err()).contains("revoked the token").contains("deleted the saved token");
        assertThat(Files.readString(saved)).doesNotContain(token);
        assertThat(f.run("snapshots", "-r", repo).code()).isEqualTo(ExitCodes.SIGNED_OUT);
        f.env.put("CAIRN_TOKEN", token);
        assertThat(f.run("snapshots", "-r", repo).code()).as("revoked on the server").isEqualTo(ExitCodes.SIGNED_OUT);
    }

    @Test
    void anUnreachableServerIsNamedWithItsPortAndNothingIsWritten() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RemoteFixture.Result r = f.run("init", "-r", "http://127.0.0.1:" + port + "/laptop");
        assertThat(r.code()).as("%s", r).isEqualTo(ExitCodes.FATAL);
        assertThat(r.err()).contains("cannot reach the cairn server at 127.0.0.1:" + port).contains("connection refused")
                .doesNotContain("\tat ");
    }

    @Test
    void plainHttpToAnotherMachineNeedsInsecureHttp() {
        RemoteFixture.Result r = f.run("snapshots", "-r", "http://backup.example.com/laptop");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("refusing plain http to backup.example.com").contains("--insecure-http");
    }
}
