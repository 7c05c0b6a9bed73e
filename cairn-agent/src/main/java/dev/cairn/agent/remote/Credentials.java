package dev.cairn.agent.remote;

import dev.cairn.client.ServerLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the token for a server, first found wins: {@code --token-file FILE} (its first line), {@code $CAIRN_TOKEN},
 * then the token {@code cairn login} saved for that server. Tokens never come from the command line itself (they would
 * show in {@code ps}).
 */
public final class Credentials {
    /** The environment variable holding a token. */
    public static final String TOKEN_ENV = "CAIRN_TOKEN";

    private Credentials() {
    }

    /** A token and where it came from (for messages; never the token). */
    public record Found(String token, String source) {
        @Override
        public String toString() {
            return "Found[" + source + "]";
        }
    }

    /** The token for {@code server}, or empty when none of the three places has one. */
    public static Optional<Found> find(ServerLocation server, Path tokenFile, String envToken, SavedTokens saved)
            throws IOException {
        if (tokenFile != null) {
            String first = Files.readAllLines(tokenFile).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalArgumentException("--token-file " + tokenFile + " is empty; its first line must be the token");
            }
            return Optional.of(new Found(first, "--token-file " + tokenFile));
        }
        if (envToken != null && !envToken.isBlank()) {
            return Optional.of(new Found(envToken.strip(), "$" + TOKEN_ENV));
        }
        return saved.token(server.key()).map(t -> new Found(t, "cairn login (" + saved.file() + ")"));
    }
}
