package dev.cairn.server.auth;

import dev.cairn.protocol.TokenScope;

/** What a valid API token grants: its id, its account and its scope. */
public record TokenGrant(long tokenId, long accountId, TokenScope scope) {
}
