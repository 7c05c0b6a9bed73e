package dev.cairn.agent.cli;

import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.daemon.DaemonConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn daemon --config FILE}: runs the config's backup sets on their schedules, in the foreground (docs/daemon.md). */
@Command(name = "daemon", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the backup sets of a config file on their schedules, in the foreground (see docs/daemon.md; "
                + "a systemd unit is in docs/cairn-daemon.service).",
                "SIGHUP reloads the config. 'cairn status' shows each set's last and next run, 'cairn run SET' runs one now."})
final class DaemonCommand extends BaseCommand {
    @picocli.CommandLine.Mixin
    DaemonFiles files;

    @Option(names = "--check-config", description = "only check the config file, then exit (0: usable)")
    boolean checkConfig;

    @Override
    protected int execute() throws Exception {
        Path file = files.configFile(context());
        DaemonConfig loaded = DaemonPorts.load(file);
        if (checkConfig) {
            output().result(file + ": ok, " + loaded.sets().size() + " set(s): " + String.join(", ", loaded.sets().keySet()));
            return ExitCodes.OK;
        }
        Path state = files.stateDir(context(), loaded);
        try (Daemon daemon = Daemon.start(DaemonPorts.options(context(), file, state, true))) {
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop));
            daemon.runLoop();
        }
        return ExitCodes.OK;
    }
}
