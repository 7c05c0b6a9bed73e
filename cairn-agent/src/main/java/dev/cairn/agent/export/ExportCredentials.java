package dev.cairn.agent.export;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code cairn export pull} gets the bearer token for a server. Today: {@code --token-file}, else
 * {@code $CAIRN_TOKEN} ({@link #fromFileOrEnv}). This is the seam the agent's login replaces with its own lookup (the
 * token saved by {@code cairn login} for that server); pull needs only a {@code read} token.
 */
@FunctionalInterface
public interface ExportCredentials {
    /** The environment variable holding the token when no file is given. */
    String TOKEN_ENV = "CAIRN_TOKEN";

    /**
     * The token for {@code server}.
     *
     * @throws ExportFailure if there is none, saying how to give one
     */
    String token(URI server) throws IOException;

    /** The first line of {@code tokenFile} if given, else {@code $CAIRN_TOKEN}. */
    static ExportCredentials fromFileOrEnv(Path tokenFile, Map<String, String> env) {
        return server -> {
            if (tokenFile != null) {
                String t = Files.readString(tokenFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
                if (t.isEmpty()) {
                    throw new ExportFailure(ExportFailure.Kind.USAGE, "the token file " + tokenFile + " is empty");
                }
                return t;
            }
            String t = env.get(TOKEN_ENV);
            if (t == null || t.isBlank()) {
                throw new ExportFailure(ExportFailure.Kind.USAGE, "no token for " + server + ": give --token-file FILE "
                        + "or set $" + TOKEN_ENV + " (a read token is enough)");
            }
            return t.strip();
        };
    }
}
