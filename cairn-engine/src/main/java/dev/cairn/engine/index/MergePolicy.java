package dev.cairn.engine.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Which runs to merge (size-tiered, as in log-structured stores): runs fall into tiers by size, each tier four times the
 * one below, starting at {@value #FIRST_TIER} entries; four runs of one tier are merged into one of the next. So a run is
 * rewritten about log4(n / 16k) times and a lookup visits a few runs per tier. More than {@value #MAX_RUNS} runs of one kind
 * are merged regardless of size (all but the largest). Runs standing for index files and runs of this process only are
 * never merged together (a shared cache file must stand for exactly its index files). Stateless.
 */
final class MergePolicy {
    static final int FIRST_TIER = 16_384;
    static final int PER_TIER = 4;
    static final int MAX_RUNS = 10;

    private MergePolicy() {
    }

    /** The runs to merge next (at least two, all of one kind), or none. */
    static List<IndexRun> choose(List<IndexRun> runs) {
        List<IndexRun> shared = new ArrayList<>();
        List<IndexRun> own = new ArrayList<>();
        for (IndexRun r : runs) {
            (r.covered().isEmpty() ? own : shared).add(r);
        }
        List<IndexRun> pick = chooseAmong(shared);
        return pick.isEmpty() ? chooseAmong(own) : pick;
    }

    private static List<IndexRun> chooseAmong(List<IndexRun> runs) {
        if (runs.size() > MAX_RUNS) {
            List<IndexRun> bySize = new ArrayList<>(runs);
            bySize.sort((a, b) -> Long.compare(b.count(), a.count()));
            return bySize.subList(1, bySize.size());
        }
        for (int tier = 0; tier < 32; tier++) {
            List<IndexRun> same = new ArrayList<>();
            for (IndexRun r : runs) {
                if (tier(r.count()) == tier) {
                    same.add(r);
                }
            }
            if (same.size() >= PER_TIER) {
                return same;
            }
        }
        return List.of();
    }

    /** 0 below {@value #FIRST_TIER} entries, then one more for every factor of four. */
    static int tier(long count) {
        int t = 0;
        for (long limit = FIRST_TIER; count >= limit && t < 31; limit *= 4) {
            t++;
        }
        return t;
    }
}
