package dev.cairn.engine.check;

import dev.cairn.engine.id.BlobId;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which packs a read-data check reads whole. Parse user input with {@link CheckOptions#parseSubset(String)}.
 * Immutable and thread-safe.
 */
public sealed interface ReadDataSubset {
    /** Every pack. */
    ReadDataSubset ALL = new All();

    /**
     * Picks the packs to read.
     *
     * @param packs  candidate packs, sorted by id
     * @param random used only by {@link Percentage}
     * @return the selected packs, sorted by id
     */
    List<BlobId> select(List<BlobId> packs, RandomGenerator random);

    /** Every pack. */
    record All() implements ReadDataSubset {
        @Override
        public List<BlobId> select(List<BlobId> packs, RandomGenerator random) {
            return List.copyOf(packs);
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /**
     * A random {@code percent} of the packs (rounded, at least one when there are any), different on every run, so that
     * repeated checks cover the whole repository over time (as restic's {@code --read-data-subset=x%}).
     */
    record Percentage(double percent) implements ReadDataSubset {
        public Percentage {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("read-data subset " + percent + "% must be more than 0% and at most 100%");
            }
        }

        @Override
        public List<BlobId> select(List<BlobId> packs, RandomGenerator random) {
            int wanted = (int) Math.round(packs.size() * percent / 100.0);
            wanted = packs.isEmpty() ? 0 : Math.max(1, wanted);
            List<BlobId> shuffled = new ArrayList<>(packs);
            for (int i = 0; i < wanted; i++) {
                int j = i + random.nextInt(shuffled.size() - i);
                shuffled.set(j, shuffled.set(i, shuffled.get(j)));
            }
            return shuffled.subList(0, wanted).stream().sorted().toList();
        }

        @Override
        public String toString() {
            return percent + "%";
        }
    }

    /**
     * The {@code n}-th of {@code m} fixed groups of packs, grouped by the first byte of the pack id modulo {@code m}
     * (as restic's {@code --read-data-subset=n/m}): checking 1/m … m/m on successive runs reads every pack exactly once.
     */
    record Group(int n, int m) implements ReadDataSubset {
        /** Packs are grouped by one byte of their id, so more groups would leave some empty. */
        public static final int MAX_GROUPS = 256;

        public Group {
            if (m < 1 || m > MAX_GROUPS || n < 1 || n > m) {
                throw new IllegalArgumentException("read-data subset " + n + "/" + m
                        + " needs 1 <= n <= m <= " + MAX_GROUPS + " (n-th of m groups), e.g. 1/5");
            }
        }

        @Override
        public List<BlobId> select(List<BlobId> packs, RandomGenerator random) {
            return packs.stream().filter(p -> Integer.parseInt(p.hex().substring(0, 2), 16) % m == n - 1).toList();
        }

        @Override
        public String toString() {
            return n + "/" + m;
        }
    }
}
