package dev.cairn.agent.cli;

import dev.cairn.client.DeviceAuthorization;
import dev.cairn.client.DeviceClient;
import dev.cairn.client.DeviceToken;
import dev.cairn.client.RemoteStores;
import dev.cairn.client.ServerLocation;
import dev.cairn.agent.ui.JsonOutput;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn login https://HOST}: signs this device in to a cairn server and saves its token for that server. By
 * default with a device code the user approves in the web UI (RFC 8628 shape); with {@code --account NAME
 * --password-stdin} at once, for scripts.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Sign this device in to a cairn server and save its token (mode 0600, in $XDG_CONFIG_HOME/cairn).",
                "Without --account: shows a code to approve in the server's web UI. Devices get an 'append' token by default:",
                "backups work, but nothing can be deleted with it (forget/prune need --scope full)."})
final class LoginCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVER", description = "the server, e.g. https://backup.example.com")
    String server;

    @Option(names = "--account", paramLabel = "NAME", description = "sign in with this account's password (scripts)")
    String account;

    @Option(names = "--password-stdin", description = "read the account password from standard input (with --account)")
    boolean passwordStdin;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "append",
            description = "the token's scope with --account: append (default), read or full")
    String scope;

    @Option(names = "--device-name", paramLabel = "NAME", description = "how the device is listed (default: the hostname)")
    String deviceName;

    @Override
    protected int execute() throws Exception {
        ServerLocation location = ServerLocation.server(server, root().insecureHttp);
        String name = deviceName != null ? deviceName : dev.cairn.engine.repo.Environment.system().hostname();
        try (HttpClient client = RemoteStores.client(location)) {
            DeviceClient devices = new DeviceClient(client, location);
            DeviceToken token = account != null ? scripted(devices, name) : deviceCode(devices, name);
            if (token == null) {
                return ExitCodes.FATAL;
            }
            ServerAccess.savedTokens(context()).save(location.key(), token);
            output().info("signed in to " + location.serverAddress() + " as " + token.account() + ", device '"
                    + token.deviceName() + "' (" + token.scope() + " token, saved in "
                    + ServerAccess.savedTokens(context()).file() + ")");
            output().json(JsonOutput.object("message_type", "signed_in", "server", location.serverAddress(),
                    "account", token.account(), "device", token.deviceName(), "scope", token.scope()));
            return ExitCodes.OK;
        }
    }

    private DeviceToken scripted(DeviceClient devices, String name) throws IOException {
        if (!passwordStdin) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--account needs --password-stdin (the password never goes on the command line)");
        }
        char[] password = readPassword();
        try {
            return devices.signIn(account, password, name, scope);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] readPassword() throws IOException {
        String line = new String(context().in().readNBytes(4096), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: standard input held no password");
        }
        return line.toCharArray();
    }

    private DeviceToken deviceCode(DeviceClient devices, String name) throws IOException, InterruptedException {
        DeviceAuthorization auth = devices.authorize(name);
        output().info("");
        output().info("  To sign in '" + name + "', open " + auth.verificationUri());
        output().info("  and enter the code:  " + auth.userCode());
        output().info("  (or open " + auth.verificationUriComplete() + ")");
        output().info("");
        output().info("Waiting for approval (the code expires in " + auth.expiresIn().toMinutes() + " minutes)...");
        output().json(JsonOutput.object("message_type", "device_code", "user_code", auth.userCode(),
                "verification_uri", auth.verificationUri(), "verification_uri_complete", auth.verificationUriComplete()));
        Duration interval = auth.interval();
        Instant deadline = Instant.now().plus(auth.expiresIn());
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(interval.toMillis());
            switch (devices.poll(auth.deviceCode())) {
                case DeviceClient.Poll.Granted g -> {
                    return g.token();
                }
                case DeviceClient.Poll.Pending p -> interval = p.slowDown() ? interval.plusSeconds(5) : interval;
                case DeviceClient.Poll.Refused r -> throw new IllegalStateException(r.code().equals("access-denied")
                        ? "the sign-in was denied in the web UI; run cairn login again to retry"
                        : "the code expired before it was approved; run cairn login again for a new one");
            }
        }
        throw new IllegalStateException("the code expired before it was approved; run cairn login again for a new one");
    }
}
