package dev.cairn.server.mail;

/**
 * An email was not sent. The message is a short reason safe to show to the user who triggered the send (never the
 * relay's password); {@link #retryMayHelp()} says whether the same send may work later (relay unreachable or busy) or
 * not without a change (no relay configured, login or address refused).
 */
public final class MailException extends Exception {
    private final boolean retryMayHelp;

    public MailException(String reason, boolean retryMayHelp, Throwable cause) {
        super(reason, cause);
        this.retryMayHelp = retryMayHelp;
    }

    public boolean retryMayHelp() {
        return retryMayHelp;
    }
}
