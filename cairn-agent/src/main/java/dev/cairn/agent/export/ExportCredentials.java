package dev.cairn.agent.export;

import java.io.IOException;
import java.net.URI;

/**
 * Where {@code cairn export pull} gets the bearer token for a server: the agent's own lookup ({@code --token-file},
 * {@code $CAIRN_TOKEN}, then the token {@code cairn login} saved for that server; see the CLI's {@code ServerAccess}).
 * Pull needs only a {@code read} token.
 */
@FunctionalInterface
public interface ExportCredentials {
    /**
     * The token for {@code server}.
     *
     * @throws IOException if there is none (a signed-out error saying how to sign in) or the token file is unreadable
     */
    String token(URI server) throws IOException;
}
