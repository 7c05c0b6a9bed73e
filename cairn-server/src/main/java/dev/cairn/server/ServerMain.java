package dev.cairn.server;

import dev.cairn.server.cli.ServerCli;

/**
 * Entry point of {@code cairn server …}: the platform with the features the caller plugs in. The distribution's
 * composition root ({@code dev.cairn.dist.ServerLauncher}) calls {@link #run} with the product's features; {@link #main}
 * runs the platform alone.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        run(args, java.util.List.of());
    }

    /** Runs {@code cairn server} with {@code features} and exits with its exit code. */
    public static void run(String[] args, java.util.List<dev.cairn.server.feature.Feature> features) {
        if (System.getProperty("logback.configurationFile") == null) {
            String format = System.getenv("CAIRN_LOG_FORMAT");
            System.setProperty("logback.configurationFile",
                    "json".equalsIgnoreCase(format) ? "cairn-server-logback-json.xml" : "cairn-server-logback.xml");
        }
        System.exit(ServerCli.run(args, System.getenv(), System.out, System.err, features));
    }
}
