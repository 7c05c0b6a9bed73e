package dev.cairn.protocol;

/**
 * A device's API token, shown exactly once: after the user approved the device ({@code POST /api/v1/device/token}) or
 * at a scripted sign-in ({@code POST /api/v1/devices}). {@code tokenId} is also the device's id.
 */
public record DeviceToken(String token, long tokenId, String account, String deviceName, TokenScope scope) {
}
