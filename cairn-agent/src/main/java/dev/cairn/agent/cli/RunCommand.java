package dev.cairn.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.daemon.DaemonConfig;
import dev.cairn.agent.daemon.InstanceLock;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn run SET}: runs one backup set now, through the running daemon (its control socket, so the run keeps to
 * the one-job-per-repository rule and is recorded in its state) or, when no daemon runs, in this process.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one backup set of the daemon's config now (through the running daemon if there is one).")
final class RunCommand extends BaseCommand {
    @Parameters(paramLabel = "SET", description = "the set's name under 'sets:' in the config")
    String set;

    @picocli.CommandLine.Mixin
    DaemonFiles files;

    @Override
    protected int execute() throws Exception {
        Path file = files.configFile(context());
        DaemonConfig loaded = DaemonPorts.load(file);
        loaded.set(set); // names the sets if there is no such set
        Path state = files.stateDir(context(), loaded);
        JsonNode answer;
        if (InstanceLock.runningPid(state).isPresent()) {
            output().info("running " + set + " through the daemon (pid " + InstanceLock.runningPid(state).getAsLong() + ")");
            answer = Daemon.runThroughRunning(state, set);
        } else {
            answer = Daemon.runOnce(DaemonPorts.options(context(), file, state, false), set);
        }
        if (answer.has("error")) {
            throw new IllegalArgumentException(answer.get("error").asText());
        }
        String status = answer.path("status").asText();
        output().json(Map.of("set", set, "status", status, "message", answer.path("message").asText("")));
        if (!output().json()) {
            output().result(set + ": " + status + (answer.path("message").isTextual() ? " (" + answer.path("message").asText() + ")" : ""));
        }
        return switch (status) {
            case "success" -> ExitCodes.OK;
            case "partial" -> ExitCodes.PARTIAL;
            default -> ExitCodes.FATAL;
        };
    }
}
