package dev.cairn.export.mail;

import dev.cairn.server.mail.OutgoingMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The email that tells a workspace's owner its scheduled exports stopped because the workspace has no recipient left
 * (they were all removed after the schedule was set): since when, and what to do. Sent once per such incident. It
 * holds no secret. Stateless.
 */
public final class NoRecipientMail {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private NoRecipientMail() {
    }

    /** What the email says; {@code page} is the Onsite copy page's address, or null without a public URL. */
    public record Paused(String to, String owner, String workspace, Instant since, String page) {
    }

    public static OutgoingMail compose(Paused p) {
        String workspace = OutgoingMail.oneLine(p.workspace());
        String where = p.page() == null ? "the Onsite copy page of your Cairn server" : p.page();
        String text = String.join("\r\n",
                "Hello " + OutgoingMail.oneLine(p.owner()) + ",",
                "",
                "The scheduled exports of your Cairn workspace \"" + workspace + "\" are paused since "
                        + TIME.format(p.since()) + ": the workspace has no recipient left, so there is no key to",
                "encrypt an export to. No scheduled export runs until you add one.",
                "",
                "What to do: add the public key (age1...) of a key you hold under Recipients on",
                "",
                where,
                "",
                "The schedule then runs again at its next time. The exports made before are not affected.",
                "",
                "You get this email once each time the last recipient of a scheduled workspace is removed.",
                "");
        return new OutgoingMail(p.to(), "Cairn: scheduled exports of the workspace " + workspace
                + " are paused (no recipient)", text);
    }
}
