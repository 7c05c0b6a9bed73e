package dev.cairn.workspace.mail;

import dev.cairn.server.mail.OutgoingMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The text of the email that carries a workspace invitation. Stateless. */
public final class InvitationMail {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private InvitationMail() {
    }

    /** What the email says; names may hold anything (they are flattened to one line each). */
    public record Invite(String to, String workspace, String inviter, String role, String link, Instant expires) {
    }

    public static OutgoingMail compose(Invite i) {
        String workspace = OutgoingMail.oneLine(i.workspace());
        String inviter = OutgoingMail.oneLine(i.inviter());
        String subject = inviter + " invites you to the workspace " + workspace + " on Cairn";
        String text = String.join("\r\n",
                "Hello,",
                "",
                inviter + " invites you to join the Cairn workspace \"" + workspace + "\" as " + i.role() + ".",
                "",
                "To accept, sign in (or sign up) with this email address, " + i.to() + ", and open:",
                "",
                i.link(),
                "",
                "The link works once and until " + EXPIRY.format(i.expires()) + ".",
                "",
                "If you did not expect this invitation, you can ignore this email: nothing happens unless the link is",
                "opened by an account with this email address.",
                "");
        return new OutgoingMail(i.to(), subject, text);
    }
}
