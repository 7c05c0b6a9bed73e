package dev.cairn.agent.daemon;

import java.time.Instant;

/**
 * What the daemon remembers of one set between runs and restarts ({@link StateFile}).
 *
 * @param schedule    the schedule text {@code nextRun} was computed for (a changed schedule recomputes it)
 * @param lastStart   start of the last run (null: never ran)
 * @param lastEnd     end of the last run
 * @param result      {@code success}, {@code partial}, {@code failed} or {@code skipped} (a pre-hook failed)
 * @param message     the first error of the last run, or null
 * @param lastSuccess end of the last successful run
 * @param nextRun     when the set runs next
 * @param lastCheck   start of the last {@code check} of the repository (null: never)
 */
public record SetState(String schedule, Instant lastStart, Instant lastEnd, String result, String message, Instant lastSuccess,
        Instant nextRun, Instant lastCheck) {
    static SetState planned(String schedule, Instant nextRun) {
        return new SetState(schedule, null, null, null, null, null, nextRun, null);
    }

    SetState withNext(String newSchedule, Instant next) {
        return new SetState(newSchedule, lastStart, lastEnd, result, message, lastSuccess, next, lastCheck);
    }

    SetState finished(Instant start, Instant end, String status, String error, Instant next, Instant checked) {
        return new SetState(schedule, start, end, status, error, "failed".equals(status) || "skipped".equals(status) ? lastSuccess : end, next,
                checked != null ? checked : lastCheck);
    }
}
