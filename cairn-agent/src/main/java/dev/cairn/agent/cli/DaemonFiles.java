package dev.cairn.agent.cli;

import dev.cairn.agent.daemon.DaemonConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code daemon}, {@code status} and {@code run} share: the config file and the state directory. */
final class DaemonFiles {
    @Option(names = "--config", paramLabel = "FILE", description = "the daemon's config file (default: ~/.config/cairn/daemon.yaml)")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "the daemon's state, outbox and socket (default: the config's state-dir, else $XDG_STATE_HOME/cairn)")
    Path stateDir;

    Path configFile(CliContext context) {
        return DaemonPorts.configFile(context, config);
    }

    Path stateDir(CliContext context, DaemonConfig loaded) {
        return DaemonPorts.stateDir(context, stateDir, loaded);
    }
}
