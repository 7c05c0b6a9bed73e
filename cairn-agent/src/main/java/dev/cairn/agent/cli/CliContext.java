package dev.cairn.agent.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Map;

/**
 * What one invocation sees of the outside world: environment variables, the output streams and the interactive console
 * (null unless both stdin and stdout are a terminal). Injected so tests run the CLI in-process.
 */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err, Console console) {
    /** The environment variable naming the repository when {@code -r} is not given. */
    static final String REPOSITORY_ENV = "CAIRN_REPOSITORY";
    /** The environment variable holding the passphrase. */
    static final String PASSWORD_ENV = "CAIRN_PASSWORD";
    /** Test-only: {@code 1} makes {@code init} and {@code key add} use cheap KDF parameters. Never use it for real data. */
    static final String TEST_KDF_ENV = "CAIRN_TEST_KDF";

    CliContext {
        env = Map.copyOf(env);
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean terminal() {
        return console != null;
    }
}
