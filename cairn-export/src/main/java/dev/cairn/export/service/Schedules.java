package dev.cairn.export.service;

import dev.cairn.export.schedule.Interval;
import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Workspaces' export schedules: set, read, remove, and {@link #runDue} (the job) starts the exports that are due. A
 * due schedule is moved past "now" before its export starts (one conditional update, so one process starts it, and
 * runs missed while the server was down make one export, not one each); a workspace whose export is still queued or
 * running starts none and stays due. Thread-safe.
 */
public final class Schedules {
    private final ScheduleTable table;
    private final ExportService exports;
    private final InstantSource clock;

    Schedules(ScheduleTable table, ExportService exports, InstantSource clock) {
        this.table = table;
        this.exports = exports;
        this.clock = clock;
    }

    /**
     * Sets the workspace's schedule; its first export is due at the interval's next run after now.
     *
     * @throws ServiceException {@code validation-failed} with what is wrong
     */
    public Schedule set(long workspaceId, ScheduleSetting setting, String by) {
        ScheduleSetting.Result r = setting.check();
        if (r.interval() == null) {
            throw invalid(r.problem());
        }
        setting.retentionProblem().ifPresent(p -> {
            throw invalid(p);
        });
        Instant now = clock.instant();
        Schedule s = new Schedule(workspaceId, r.interval(), ExportService.chosen(setting.formats()),
                setting.keepLastOrDefault(), setting.keepDaysOrDefault(), r.interval().next(now), by, now);
        table.put(s);
        return s;
    }

    public Optional<Schedule> get(long workspaceId) {
        return table.get(workspaceId);
    }

    /** @throws ServiceException {@code not-found} if the workspace has no schedule */
    public Schedule require(long workspaceId) {
        return get(workspaceId).orElseThrow(() -> ServiceException.notFound("this workspace has no export schedule; "
                + "exports run only when started"));
    }

    /** @throws ServiceException {@code not-found} if the workspace has no schedule */
    public void remove(long workspaceId) {
        if (!table.delete(workspaceId)) {
            throw ServiceException.notFound("this workspace has no export schedule");
        }
    }

    /** Starts every due export (the job); returns how many it started. */
    public int runDue() {
        int started = 0;
        Instant now = clock.instant();
        for (Schedule s : table.due(now)) {
            if (exports.busy(s.workspaceId())) {
                continue;
            }
            Interval i = s.interval();
            if (table.advance(s.workspaceId(), s.nextAt(), i.next(now))) {
                exports.startScheduled(s.workspaceId(), s.formats());
                started++;
            }
        }
        return started;
    }

    private static ServiceException invalid(String problem) {
        return new ServiceException(ErrorCode.VALIDATION_FAILED, problem);
    }
}
