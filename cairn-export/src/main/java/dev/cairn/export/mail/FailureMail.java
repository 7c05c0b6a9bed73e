package dev.cairn.export.mail;

import dev.cairn.server.mail.OutgoingMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The email that tells a workspace's owner an export failed: which export, when, why (the error as the page shows it,
 * in the owner's words), and what to do. It holds no secret: no token, no key, no link that signs anyone in.
 * Stateless.
 */
public final class FailureMail {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private FailureMail() {
    }

    /**
     * What the email says; {@code page} is the Onsite copy page's address, or null when the server has no public URL.
     * {@code scheduled} says the schedule started it (else {@code startedBy} did).
     */
    public record Failure(String to, String owner, String workspace, long exportId, List<String> formats,
            boolean scheduled, String startedBy, Instant failedAt, String error, String page) {
    }

    public static OutgoingMail compose(Failure f) {
        String workspace = OutgoingMail.oneLine(f.workspace());
        String what = (f.scheduled() ? "The scheduled export " : "The export ") + f.exportId() + " of your Cairn "
                + "workspace \"" + workspace + "\"" + (f.scheduled() ? "" : ", started by "
                + OutgoingMail.oneLine(f.startedBy()) + ",");
        String where = f.page() == null ? "the Onsite copy page of your Cairn server" : f.page();
        String text = String.join("\r\n",
                "Hello " + OutgoingMail.oneLine(f.owner()) + ",",
                "",
                what + " failed on " + TIME.format(f.failedAt()) + " (formats: " + String.join(", ", f.formats())
                        + "). The reason:",
                "",
                "    " + OutgoingMail.oneLine(f.error()),
                "",
                "What to do: fix what the reason names, then start an export with \"Export now\" on",
                "",
                where,
                "",
                f.scheduled() ? "or wait for the next scheduled export." : "once you have.",
                "The exports that were done before are not affected, and nothing of the failed one was kept.",
                "",
                "You get this email once for each failed export of a workspace you own.",
                "");
        return new OutgoingMail(f.to(), "Cairn: an export of the workspace " + workspace + " failed", text);
    }
}
