package dev.cairn.server.auth;

import dev.cairn.protocol.TokenCreated;

/** A device's new token (its secret shown once) and the account it belongs to. */
public record DeviceGrant(TokenCreated token, long accountId) {
}
