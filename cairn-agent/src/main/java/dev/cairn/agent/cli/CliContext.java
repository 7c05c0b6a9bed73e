package dev.cairn.agent.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Map;

/**
 * What one invocation sees of the outside world: environment variables, the output streams and the interactive console
 * (null unless both stdin and stdout are a terminal). Injected so tests run the CLI in-process.
 */
record CliContext(Map<String, String> env, java.io.InputStream in, PrintStream out, PrintStream err, Console console) {
    /** The environment variable naming the repository when {@code -r} is not given. */
    static final String REPOSITORY_ENV = "CAIRN_REPOSITORY";
    /** The environment variable holding the passphrase. */
    static final String PASSWORD_ENV = "CAIRN_PASSWORD";
    /** Test-only: {@code 1} makes {@code init} and {@code key add} use cheap KDF parameters. Never use it for real data. */
    static final String TEST_KDF_ENV = "CAIRN_TEST_KDF";
    /** The environment variable naming the local cache directory (default {@code $XDG_CACHE_HOME/cairn}, {@code ~/.cache/cairn}). */
    static final String CACHE_ENV = "CAIRN_CACHE_DIR";

    CliContext {
        env = Map.copyOf(env);
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Where repositories keep their local index cache: {@code $CAIRN_CACHE_DIR}, else {@code $XDG_CACHE_HOME/cairn}, else
     * {@code $HOME/.cache/cairn}; null if none of them is set (then every open builds the index in a temporary directory).
     */
    java.nio.file.Path cacheDirectory() {
        if (env(CACHE_ENV) != null) {
            return java.nio.file.Path.of(env(CACHE_ENV));
        }
        if (env("XDG_CACHE_HOME") != null) {
            return java.nio.file.Path.of(env("XDG_CACHE_HOME"), "cairn");
        }
        return env("HOME") == null ? null : java.nio.file.Path.of(env("HOME"), ".cache", "cairn");
    }

    /**
     * Where {@code cairn login} keeps tokens: {@code $XDG_CONFIG_HOME/cairn}, else {@code $HOME/.config/cairn}, else
     * {@code .cairn} in the working directory.
     */
    java.nio.file.Path configDirectory() {
        if (env("XDG_CONFIG_HOME") != null) {
            return java.nio.file.Path.of(env("XDG_CONFIG_HOME"), "cairn");
        }
        return env("HOME") == null ? java.nio.file.Path.of(".cairn") : java.nio.file.Path.of(env("HOME"), ".config", "cairn");
    }

    boolean terminal() {
        return console != null;
    }
}
