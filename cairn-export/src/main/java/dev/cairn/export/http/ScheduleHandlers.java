package dev.cairn.export.http;

import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.Interval;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.export.service.ExportModule;
import dev.cairn.export.service.Schedule;
import dev.cairn.server.http.Json;
import dev.cairn.workspace.members.Caller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The schedule's handlers ({@code /api/v1/workspace/export/schedule}): read, set, remove. Thread-safe. */
final class ScheduleHandlers {
    private final ExportModule module;

    ScheduleHandlers(ExportModule module) {
        this.module = module;
    }

    /** The request body of {@code PUT} (schema {@code ExportScheduleRequest}): strict, exactly these fields. */
    record ScheduleBody(String every, Integer hours, String at, String day, String cron, List<String> formats,
            Integer keepLast, Integer keepDays, Boolean history, String mode, Integer fullEvery,
            Boolean withSoftware) {
        ScheduleSetting setting() {
            return new ScheduleSetting(every, hours, at, day, cron, formats, keepLast, keepDays, history, mode,
                    fullEvery, withSoftware);
        }
    }

    /**
     * What a schedule looks like on the wire (schema {@code ExportSchedule} of the module's OpenAPI part); absent
     * fields are null. {@code noRecipientSince} is set while the workspace has no recipient (the schedule starts
     * nothing then).
     */
    record ScheduleView(String every, Integer hours, String at, String day, String cron, List<String> formats,
            boolean history, String mode, Integer fullEvery, int keepLast, int keepDays, boolean withSoftware,
            Instant nextRun,
            String updatedBy, Instant updatedAt, Instant noRecipientSince) {
        static ScheduleView of(Schedule s) {
            Interval i = s.interval();
            boolean incremental = s.mode() == ExportMode.INCREMENTAL;
            return new ScheduleView(i.every().wireName(), i.every() == Interval.Every.HOURS ? i.hours() : null,
                    i.at() == null ? null : i.at().toString(),
                    i.day() == null ? null : i.day().name().toLowerCase(Locale.ROOT),
                    i.cron() == null ? null : i.cron().text(), s.formats(), s.history(), s.mode().wireName(),
                    incremental ? s.fullEvery() : null, s.keepLast(), s.keepDays(), s.withSoftware(), s.nextAt(),
                    s.updatedBy(),
                    s.updatedAt(), s.noRecipientSince());
        }
    }

    void get(Context ctx) {
        Json.write(ctx, 200, ScheduleView.of(module.schedules().require(ExportAccess.caller(ctx).workspaceId())));
    }

    void put(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        ScheduleBody body = Json.read(ctx, ScheduleBody.class);
        Json.write(ctx, 200, ScheduleView.of(module.schedules().set(c.workspaceId(), body.setting(),
                c.accountName())));
    }

    void delete(Context ctx) {
        module.schedules().remove(ExportAccess.caller(ctx).workspaceId());
        ctx.status(204);
    }
}
