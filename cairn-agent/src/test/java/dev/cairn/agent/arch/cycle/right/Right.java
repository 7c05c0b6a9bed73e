package dev.cairn.agent.arch.cycle.right;

/** The other half of the deliberate package cycle (see {@code Left}). */
public final class Right {
    public static int next(int n) {
        return n <= 0 ? 0 : dev.cairn.agent.arch.cycle.left.Left.next(n - 1);
    }
}
