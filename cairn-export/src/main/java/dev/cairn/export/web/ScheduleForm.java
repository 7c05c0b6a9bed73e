package dev.cairn.export.web;

import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Forms;
import io.javalin.http.Context;
import java.util.List;

/**
 * The schedule form of the Onsite copy page: the fields that fit the chosen interval (the form posts them all), the
 * formats ticked, the record history (ticked or not), full or incremental (with how often a full export comes), and
 * the retention. Stateless.
 */
final class ScheduleForm {
    private ScheduleForm() {
    }

    /** @throws ServiceException {@code validation-failed} for a number that is not one */
    static ScheduleSetting setting(Context ctx) {
        String every = Forms.field(ctx, "every");
        boolean hourly = "hours".equals(every);
        boolean timed = "day".equals(every) || "week".equals(every);
        String mode = Forms.field(ctx, "mode");
        boolean incremental = "incremental".equals(mode);
        return new ScheduleSetting(every, hourly ? number(ctx, "hours", "hours between exports") : null,
                timed ? Forms.field(ctx, "at") : null, "week".equals(every) ? Forms.field(ctx, "day") : null,
                "cron".equals(every) ? Forms.field(ctx, "cron") : null, formats(ctx),
                number(ctx, "keepLast", "exports to keep"), number(ctx, "keepDays", "days to keep"),
                ctx.formParam("history") != null, mode,
                incremental ? number(ctx, "fullEvery", "exports between full exports") : null,
                ctx.formParam("scheduleSoftware") != null);
    }

    private static List<String> formats(Context ctx) {
        List<String> chosen = ctx.formParams("scheduleFormat");
        if (chosen.isEmpty()) {
            throw new ServiceException(ErrorCode.VALIDATION_FAILED, "choose at least one format for the schedule");
        }
        return chosen;
    }

    private static Integer number(Context ctx, String name, String what) {
        String v = Forms.field(ctx, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new ServiceException(ErrorCode.VALIDATION_FAILED, "give the " + what + " as a whole number");
        }
    }
}
