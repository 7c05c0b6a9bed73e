package dev.cairn.engine.repo;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * The outside world the engine needs, injected so tests are deterministic: randomness for keys and nonces (a
 * {@link java.security.SecureRandom} in production), the clock, and who/where we are (recorded in snapshots, keys and locks).
 */
public record Environment(RandomGenerator random, InstantSource clock, String hostname, String username, long pid) {
    /** The real environment; call only from composition roots (CLI main, tests' fixtures). */
    public static Environment system() {
        return new Environment(new java.security.SecureRandom(), InstantSource.system(), localHostname(),
                System.getProperty("user.name", "unknown"), ProcessHandle.current().pid());
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
