package dev.cairn.export.service;

import dev.cairn.export.schedule.ScheduleSetting;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Workspaces' export schedules: set, read, remove, and {@link #runDue} (the job) starts the exports that are due. A
 * schedule is only set for a workspace with a recipient. A due schedule is moved past "now" before its export starts
 * (one conditional update, so one process starts it, and runs missed while the server was down make one export, not
 * one each); a workspace whose export is still queued or running starts none and stays due; a workspace whose
 * recipients were all removed starts none (its owner hears of it once, {@link RecipientIncidents}); a schedule whose
 * next run is further ahead than one interval (the clock went back) moves back to the interval's next run. Thread-safe.
 */
public final class Schedules {
    private final ScheduleTable table;
    private final ExportService exports;
    private final Recipients recipients;
    private final InstantSource clock;

    Schedules(ScheduleTable table, ExportService exports, Recipients recipients, InstantSource clock) {
        this.table = table;
        this.exports = exports;
        this.recipients = recipients;
        this.clock = clock;
    }

    /**
     * Sets the workspace's schedule; its first export is due at the interval's next run after now.
     *
     * @throws ServiceException {@code validation-failed} with what is wrong, {@code no-recipient} if the workspace
     *     has no recipient to encrypt the scheduled exports to
     */
    public Schedule set(long workspaceId, ScheduleSetting setting, String by) {
        ScheduleSetting.Result r = setting.check();
        if (r.interval() == null) {
            throw invalid(r.problem());
        }
        setting.problem().ifPresent(p -> {
            throw invalid(p);
        });
        ExportRequest request = ExportService.chosen(new ExportRequest(setting.formats(),
                setting.historyOrDefault(), setting.modeOrDefault()));
        if (recipients.list(workspaceId).isEmpty()) {
            throw new ServiceException(ErrorCode.NO_RECIPIENT, "a schedule needs a recipient: add the public key "
                    + "(age1…) of a key you hold first, or every scheduled export would have no one to be encrypted to");
        }
        Instant now = clock.instant();
        Schedule s = new Schedule(workspaceId, r.interval(), request.formats(), request.history(), request.mode(),
                setting.fullEveryOrDefault(), setting.keepLastOrDefault(), setting.keepDaysOrDefault(),
                r.interval().next(now), by, now, null, setting.withSoftwareOrDefault());
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

    /**
     * Starts every due export (the job); returns how many it started. A due schedule without a recipient moves on to
     * its next run and starts nothing.
     */
    public int runDue() {
        int started = 0;
        Instant now = clock.instant();
        pullBack(now);
        for (Schedule s : table.due(now)) {
            if (exports.busy(s.workspaceId())) {
                continue;
            }
            boolean canRun = !recipients.list(s.workspaceId()).isEmpty();
            if (table.advance(s.workspaceId(), s.nextAt(), s.interval().next(now)) && canRun) {
                exports.startScheduled(s);
                started++;
            }
        }
        return started;
    }

    /**
     * Moves back every schedule whose next run lies beyond the interval's next run after {@code now}: the server's
     * clock went back (it was ahead and was corrected). Left alone, such a schedule would skip every run until the
     * clock caught up with where it had been (a day after a one-day jump). {@code next} is monotone, so a clock that
     * only moves forward never gets here. Found by the reliability suite's clock-jump row (issue 21).
     */
    private void pullBack(Instant now) {
        for (Schedule s : table.all()) {
            Instant next = s.interval().next(now);
            if (s.nextAt().isAfter(next)) {
                table.advance(s.workspaceId(), s.nextAt(), next);
            }
        }
    }

    private static ServiceException invalid(String problem) {
        return new ServiceException(ErrorCode.VALIDATION_FAILED, problem);
    }
}
