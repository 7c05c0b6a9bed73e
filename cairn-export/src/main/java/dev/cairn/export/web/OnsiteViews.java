package dev.cairn.export.web;

import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.Interval;
import dev.cairn.export.service.Export;
import dev.cairn.export.service.ExportStatus;
import dev.cairn.export.service.Recipient;
import dev.cairn.export.service.Schedule;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import dev.cairn.server.web.Format;

/** What the Onsite copy page shows of recipients and exports. */
public final class OnsiteViews {
    private OnsiteViews() {
    }

    /** A recipient: name, key, who added it when. */
    public record RecipientRow(long id, String name, String recipient, String added) {
        static RecipientRow of(Recipient r) {
            return new RecipientRow(r.id(), r.name(), r.recipient(), r.createdBy() + ", " + Format.time(r.createdAt(),
                    ""));
        }
    }

    /** An export: status (and why it failed), kind, formats, size, times, the download link once done. */
    public record ExportRow(long id, String status, String kind, String formats, String size, String started,
            String finished, String error, String download, String manifest) {
        static ExportRow of(Export e) {
            boolean done = e.status() == ExportStatus.DONE;
            ExportMode kind = e.kind() == null ? e.mode() : e.kind();
            String what = kind == ExportMode.INCREMENTAL ? "incremental" + (e.previousId() == null ? ""
                    : " (after export " + e.previousId() + ")") : "full";
            return new ExportRow(e.id(), e.status().wireName(), what + (e.history() ? "" : ", no history"),
                    kind == ExportMode.INCREMENTAL && e.kind() != null ? "jsonl (the changes)"
                            : String.join(", ", e.formats()), e.bytes() == null ? "" : Format.bytes(e.bytes()),
                    Format.time(e.createdAt(), ""), Format.time(e.finishedAt(), ""), e.error(),
                    done ? ExportPages.BASE + "/exports/" + e.id() + "/download" : null,
                    e.manifestSha256() == null ? "" : e.manifestSha256().substring(0, 16));
        }
    }

    /**
     * The schedule: how often in words, formats, history, full or incremental, what is kept, the next run, whether it
     * is paused for want of a recipient ({@code paused}: null if not); and the form's current values.
     */
    public record ScheduleRow(String every, String formats, String contents, String keep, String nextRun,
            String paused, List<String> chosen, String kind, String hours, String at, String day, String cron,
            boolean history, String mode, int fullEvery, int keepLast, int keepDays, boolean software) {
        static ScheduleRow of(Schedule s, boolean noRecipient) {
            Interval i = s.interval();
            String day = i.day() == null ? "" : i.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            boolean incremental = s.mode() == ExportMode.INCREMENTAL;
            return new ScheduleRow(every(i, day), String.join(", ", s.formats()),
                    (incremental ? "Incremental, a full export every " + s.fullEvery() + " exports" : "Full")
                            + (s.history() ? ", with record history" : ", without record history")
                            + (s.withSoftware() ? "; full exports carry the cairn software" : ""),
                    "the newest " + s.keepLast() + " exports, none older than " + s.keepDays() + " days (and the "
                            + "exports a kept incremental one needs)", Format.time(s.nextAt(), ""),
                    noRecipient ? paused(s) : null, s.formats(), i.every().wireName(),
                    i.every() == Interval.Every.HOURS ? String.valueOf(i.hours()) : "",
                    i.at() == null ? "" : i.at().toString(), day.toLowerCase(Locale.ROOT),
                    i.cron() == null ? "" : i.cron().text(), s.history(), s.mode().wireName(), s.fullEvery(),
                    s.keepLast(), s.keepDays(), s.withSoftware());
        }

        private static String every(Interval i, String day) {
            return switch (i.every()) {
                case HOURS -> "Every " + i.hours() + (i.hours() == 1 ? " hour" : " hours");
                case DAY -> "Every day at " + i.at() + " UTC";
                case WEEK -> "Every " + day + " at " + i.at() + " UTC";
                case CRON -> "Cron " + i.cron().text() + " (UTC): " + i.cron().describe();
            };
        }

        private static String paused(Schedule s) {
            return "Scheduled exports are paused: this workspace has no recipient"
                    + (s.noRecipientSince() == null ? "" : " since " + Format.time(s.noRecipientSince(), ""))
                    + ", so there is no key to encrypt them to. Add a recipient and the schedule runs again at its "
                    + "next time.";
        }
    }
}
