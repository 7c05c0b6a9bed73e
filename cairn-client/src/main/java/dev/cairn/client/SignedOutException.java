package dev.cairn.client;

/**
 * The server did not accept the credential (401: wrong, revoked or expired token): the user must sign in again. The
 * message says how ({@code cairn login https://HOST}); it never contains the token.
 */
public final class SignedOutException extends ServerProblemException {
    private static final long serialVersionUID = 1L;

    public SignedOutException(String serverAddress, String code) {
        super(401, code, "signed out of " + serverAddress.replaceFirst("^https?://", "") + reason(code)
                + ": run cairn login " + serverAddress);
    }

    private static String reason(String code) {
        return switch (code == null ? "" : code) {
            case "token-revoked" -> " (the token was revoked)";
            case "token-expired" -> " (the token expired)";
            case "no-credential" -> " (no token: none saved for it, no --token-file, no CAIRN_TOKEN)";
            default -> " (the server did not accept the token)";
        };
    }
}
