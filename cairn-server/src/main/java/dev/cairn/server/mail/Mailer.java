package dev.cairn.server.mail;

/** Sends email. Implementations are thread-safe. */
public interface Mailer {
    /**
     * Hands the email to the relay; returns once the relay accepted it (delivery to the mailbox is the relay's job).
     * Blocks for at most a few network timeouts; callers that must not wait that long bound it themselves.
     *
     * @throws MailException when it was not accepted: the reason is shown to the user; see
     *                       {@link MailException#retryMayHelp()}
     */
    void send(OutgoingMail mail) throws MailException;

    /** The reason {@link #NOT_CONFIGURED} gives. */
    String NOT_CONFIGURED_REASON = "this server has no mail relay configured";

    /** The mailer of a server without a relay: every send fails, and retrying does not help. */
    Mailer NOT_CONFIGURED = mail -> {
        throw new MailException(NOT_CONFIGURED_REASON, false, null);
    };
}
