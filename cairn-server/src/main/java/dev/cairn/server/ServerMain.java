package dev.cairn.server;

import dev.cairn.server.cli.ServerCli;

/** Entry point of {@code cairn server …} (the distribution's main dispatches here). */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            String format = System.getenv("CAIRN_LOG_FORMAT");
            System.setProperty("logback.configurationFile",
                    "json".equalsIgnoreCase(format) ? "cairn-server-logback-json.xml" : "cairn-server-logback.xml");
        }
        System.exit(ServerCli.run(args, System.getenv(), System.out, System.err));
    }
}
