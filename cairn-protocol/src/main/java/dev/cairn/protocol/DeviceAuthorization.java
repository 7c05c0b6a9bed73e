package dev.cairn.protocol;

/**
 * The answer to a device authorization request (RFC 8628 §3.2): the device polls with {@code deviceCode} every
 * {@code interval} seconds, for at most {@code expiresIn} seconds, while the user approves {@code userCode} at
 * {@code verificationUri} (or opens {@code verificationUriComplete}, which has the code filled in).
 */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
        String verificationUriComplete, long expiresIn, long interval) {
}
