package dev.cairn.export.service;

import dev.cairn.export.schedule.CronLine;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.schedule.Interval;
import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@code export_schedules} table: one row per scheduled workspace. Thread-safe. */
final class ScheduleTable {
    private final Jdbi jdbi;

    ScheduleTable(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts or replaces the workspace's schedule; a replaced one's no-recipient incident ends. */
    void put(Schedule s) {
        Interval i = s.interval();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO export_schedules (workspace_id, every, hours, at_minute, "
                + "weekday, cron, formats, history, mode, full_every, keep_last, keep_days, next_at, updated_by, "
                + "updated_at, with_software) VALUES (:w, :every, :hours, :at, :day, :cron, :f, :hist, :mode, :fe, "
                + ":kl, :kd, :next, :by, :now, :sw) ON CONFLICT (workspace_id) DO UPDATE SET every = :every, hours = :hours, at_minute = :at, "
                + "weekday = :day, cron = :cron, formats = :f, history = :hist, mode = :mode, full_every = :fe, "
                + "keep_last = :kl, keep_days = :kd, next_at = :next, updated_by = :by, updated_at = :now, "
                + "with_software = :sw, "
                + "no_recipient_since = NULL, no_recipient_mailed_at = NULL")
                .bind("w", s.workspaceId()).bind("every", i.every().wireName())
                .bind("hours", i.every() == Interval.Every.HOURS ? i.hours() : null)
                .bind("at", i.at() == null ? null : i.at().getHour() * 60 + i.at().getMinute())
                .bind("day", i.day() == null ? null : i.day().getValue())
                .bind("cron", i.cron() == null ? null : i.cron().text()).bind("f", String.join(",", s.formats()))
                .bind("hist", s.history() ? 1 : 0).bind("mode", s.mode().wireName()).bind("fe", s.fullEvery())
                .bind("kl", s.keepLast()).bind("kd", s.keepDays()).bind("next", s.nextAt().toEpochMilli())
                .bind("by", s.updatedBy()).bind("now", s.updatedAt().toEpochMilli())
                .bind("sw", s.withSoftware() ? 1 : 0).execute());
    }

    Optional<Schedule> get(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM export_schedules WHERE workspace_id = :w")
                .bind("w", workspaceId).map((rs, ctx) -> schedule(rs)).findOne());
    }

    /** True if there was one. */
    boolean delete(long workspaceId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM export_schedules WHERE workspace_id = :w")
                .bind("w", workspaceId).execute()) == 1;
    }

    /** The schedules due at {@code now}. */
    List<Schedule> due(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM export_schedules WHERE next_at <= :now "
                + "ORDER BY next_at").bind("now", now.toEpochMilli()).map((rs, ctx) -> schedule(rs)).list());
    }

    List<Schedule> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM export_schedules ORDER BY workspace_id")
                .map((rs, ctx) -> schedule(rs)).list());
    }

    /** Moves the next run from {@code was} to {@code next}; false if another run moved it first. */
    boolean advance(long workspaceId, Instant was, Instant next) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE export_schedules SET next_at = :next WHERE "
                + "workspace_id = :w AND next_at = :was").bind("next", next.toEpochMilli()).bind("w", workspaceId)
                .bind("was", was.toEpochMilli()).execute()) == 1;
    }

    /** Makes the schedule due at {@code now} if it is due later (a retry of its export); false if it was not. */
    boolean dueNow(long workspaceId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE export_schedules SET next_at = :now WHERE "
                + "workspace_id = :w AND next_at > :now").bind("now", now.toEpochMilli()).bind("w", workspaceId)
                .execute()) == 1;
    }

    private static Schedule schedule(ResultSet rs) throws SQLException {
        return new Schedule(rs.getLong("workspace_id"), interval(rs),
                Arrays.asList(rs.getString("formats").split(",")), rs.getInt("history") != 0,
                ExportMode.of(rs.getString("mode")).orElseThrow(), rs.getInt("full_every"), rs.getInt("keep_last"),
                rs.getInt("keep_days"), Rows.instant(rs, "next_at"), rs.getString("updated_by"),
                Rows.instant(rs, "updated_at"), Rows.instant(rs, "no_recipient_since"),
                rs.getInt("with_software") != 0);
    }

    private static Interval interval(ResultSet rs) throws SQLException {
        Interval.Every every = Interval.Every.valueOf(rs.getString("every").toUpperCase(Locale.ROOT));
        if (every == Interval.Every.HOURS) {
            return Interval.hours(rs.getInt("hours"));
        }
        if (every == Interval.Every.CRON) {
            return Interval.cron(CronLine.parse(rs.getString("cron")).line());
        }
        int minute = rs.getInt("at_minute");
        LocalTime at = LocalTime.of(minute / 60, minute % 60);
        return every == Interval.Every.DAY ? Interval.daily(at) : Interval.weekly(DayOfWeek.of(rs.getInt("weekday")), at);
    }
}
