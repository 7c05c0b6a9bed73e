package dev.cairn.engine.repo;

import java.time.InstantSource;
import java.util.function.LongPredicate;
import java.util.random.RandomGenerator;

/**
 * The outside world the engine needs, injected so tests are deterministic: randomness for keys and nonces (a
 * {@link dev.cairn.engine.crypto.SystemRandom} in production), the clock, who/where we are (recorded in snapshots, keys and locks),
 * and whether a process of this host is still running (a lock whose holder on this host has gone is stale, spec §Locks).
 *
 * @param processAlive whether the process with that id runs on this host; answer {@code true} when unsure
 */
public record Environment(RandomGenerator random, InstantSource clock, String hostname, String username, long pid,
        LongPredicate processAlive) {
    /** An environment that takes every process it asks about for alive (locks go stale by age only). */
    public Environment(RandomGenerator random, InstantSource clock, String hostname, String username, long pid) {
        this(random, clock, hostname, username, pid, other -> true);
    }

    /** The real environment; call only from composition roots (CLI main, tests' fixtures). */
    public static Environment system() {
        return new Environment(dev.cairn.engine.crypto.SystemRandom.create(), InstantSource.system(), localHostname(),
                System.getProperty("user.name", "unknown"), ProcessHandle.current().pid(),
                other -> ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false));
    }

    private static String localHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
