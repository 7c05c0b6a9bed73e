package dev.cairn.server.auth;

import dev.cairn.protocol.TokenScope;

/**
 * Who is making a request, once authenticated: the account, whether it is an admin, what its credential allows, and
 * how it authenticated. {@code tokenId} is set for API tokens; {@code csrfToken} for web sessions.
 */
public record Principal(long accountId, String accountName, boolean admin, TokenScope scope, Via via, Long tokenId,
        String csrfToken) {

    /** How the request authenticated. */
    public enum Via {
        SESSION, TOKEN, PASSWORD
    }
}
