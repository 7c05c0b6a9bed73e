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
 * @param lastPrune   start of the last successful {@code prune} of the repository (null: never)
 * @param forgottenSincePrune snapshots {@code keep} removed since then (a prune is due only when this is above 0)
 */
public record SetState(String schedule, Instant lastStart, Instant lastEnd, String result, String message, Instant lastSuccess,
        Instant nextRun, Instant lastCheck, Instant lastPrune, int forgottenSincePrune) {
    static SetState planned(String schedule, Instant nextRun) {
        return new SetState(schedule, null, null, null, null, null, nextRun, null, null, 0);
    }

    SetState withNext(String newSchedule, Instant next) {
        return new SetState(newSchedule, lastStart, lastEnd, result, message, lastSuccess, next, lastCheck, lastPrune, forgottenSincePrune);
    }

    /** After a run that ended with {@code outcome}; the next run is {@code next}. */
    SetState finished(SetRunner.Outcome o, Instant next) {
        boolean ok = !"failed".equals(o.status()) && !"skipped".equals(o.status());
        return new SetState(schedule, o.start(), o.end(), o.status(), o.message(), ok ? o.end() : lastSuccess, next,
                o.checked() != null ? o.checked() : lastCheck, o.pruned() != null ? o.pruned() : lastPrune,
                o.pruned() != null ? 0 : forgottenSincePrune + o.forgotten());
    }
}
