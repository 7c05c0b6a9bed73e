package dev.cairn.server.auth;

import java.time.Instant;

/** A device sign-in waiting for the user's decision: its user code (8 letters), the device's name and its expiry. */
public record PendingDevice(String userCode, String deviceName, Instant expiresAt) {
}
