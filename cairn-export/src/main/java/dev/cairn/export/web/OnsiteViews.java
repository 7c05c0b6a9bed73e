package dev.cairn.export.web;

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

    /** An export: status (and why it failed), formats, size, times, the download link once done. */
    public record ExportRow(long id, String status, String formats, String size, String started, String finished,
            String error, String download, String manifest) {
        static ExportRow of(Export e) {
            boolean done = e.status() == ExportStatus.DONE;
            return new ExportRow(e.id(), e.status().wireName(), String.join(", ", e.formats()),
                    e.bytes() == null ? "" : Format.bytes(e.bytes()), Format.time(e.createdAt(), ""),
                    Format.time(e.finishedAt(), ""), e.error(),
                    done ? ExportPages.BASE + "/exports/" + e.id() + "/download" : null,
                    e.manifestSha256() == null ? "" : e.manifestSha256().substring(0, 16));
        }
    }

    /** The schedule: how often in words, formats, what is kept, the next run; and the form's current values. */
    public record ScheduleRow(String every, String formats, String keep, String nextRun, List<String> chosen,
            String kind, String hours, String at, String day, int keepLast, int keepDays) {
        static ScheduleRow of(Schedule s) {
            Interval i = s.interval();
            String day = i.day() == null ? "" : i.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String every = switch (i.every()) {
                case HOURS -> "Every " + i.hours() + (i.hours() == 1 ? " hour" : " hours");
                case DAY -> "Every day at " + i.at() + " UTC";
                case WEEK -> "Every " + day + " at " + i.at() + " UTC";
            };
            return new ScheduleRow(every, String.join(", ", s.formats()), "the newest " + s.keepLast()
                    + " exports, none older than " + s.keepDays() + " days", Format.time(s.nextAt(), ""), s.formats(),
                    i.every().wireName(), i.every() == Interval.Every.HOURS ? String.valueOf(i.hours()) : "",
                    i.at() == null ? "" : i.at().toString(), day.toLowerCase(Locale.ROOT), s.keepLast(), s.keepDays());
        }
    }
}
