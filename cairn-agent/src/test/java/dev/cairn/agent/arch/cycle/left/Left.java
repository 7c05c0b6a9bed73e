package dev.cairn.agent.arch.cycle.left;

/** Half of a deliberate package cycle that shows the architecture test's cycle rule can fail. */
public final class Left {
    public static int next(int n) {
        return n <= 0 ? 0 : dev.cairn.agent.arch.cycle.right.Right.next(n - 1);
    }
}
