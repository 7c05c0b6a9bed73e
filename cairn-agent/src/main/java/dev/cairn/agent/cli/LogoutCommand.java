package dev.cairn.agent.cli;

import dev.cairn.agent.remote.SavedTokens;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.client.DeviceClient;
import dev.cairn.client.RemoteStores;
import dev.cairn.client.ServerLocation;
import dev.cairn.client.ServerProblemException;
import dev.cairn.client.ServerUnreachableException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn logout https://HOST}: revokes the saved token on the server and deletes it here. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Revoke this device's saved token for SERVER on the server, and delete it here.")
final class LogoutCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVER", description = "the server, e.g. https://backup.example.com")
    String server;

    @Override
    protected int execute() throws Exception {
        ServerLocation location = ServerLocation.server(server, root().insecureHttp);
        SavedTokens saved = ServerAccess.savedTokens(context());
        Optional<String> token = saved.token(location.key());
        if (token.isEmpty()) {
            output().info("not signed in to " + location.serverAddress() + " (no saved token in " + saved.file() + ")");
            return ExitCodes.OK;
        }
        String revoked = revoke(location, token.get());
        saved.delete(location.key());
        output().info(revoked + "; deleted the saved token from " + saved.file());
        output().json(JsonOutput.object("message_type", "signed_out", "server", location.serverAddress(),
                "revoked", revoked.startsWith("revoked")));
        return ExitCodes.OK;
    }

    private String revoke(ServerLocation location, String token) throws IOException {
        try (HttpClient client = RemoteStores.client(location)) {
            new DeviceClient(client, location).revoke(token);
            return "revoked the token on " + location.serverAddress();
        } catch (ServerUnreachableException e) {
            return "could not reach " + location.hostAndPort() + ": the token may still be valid until you revoke it in "
                    + "the web UI (Devices)";
        } catch (ServerProblemException e) {
            return e.status() == 401 ? "the server no longer accepted the token (already revoked or expired)"
                    : "the server refused to revoke the token (" + e.getMessage() + "): revoke it in the web UI (Devices)";
        }
    }
}
