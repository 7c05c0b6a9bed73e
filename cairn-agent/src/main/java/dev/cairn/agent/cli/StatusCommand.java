package dev.cairn.agent.cli;

import dev.cairn.agent.daemon.DaemonConfig;
import dev.cairn.agent.daemon.InstanceLock;
import dev.cairn.agent.daemon.SetState;
import dev.cairn.agent.daemon.StateFile;
import dev.cairn.agent.ui.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import picocli.CommandLine.Command;

/** {@code cairn status}: each set's last run, its result and its next run, from the daemon's state file. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show each backup set's last run, result and next run, and whether the daemon runs (see 'cairn daemon').")
final class StatusCommand extends BaseCommand {
    @picocli.CommandLine.Mixin
    DaemonFiles files;

    @Override
    protected int execute() throws Exception {
        Path file = files.configFile(context());
        DaemonConfig loaded = files.config != null || Files.exists(file) ? DaemonPorts.load(file) : null;
        Path state = files.stateDir(context(), loaded);
        Map<String, SetState> states = new StateFile(state).load();
        OptionalLong pid = InstanceLock.runningPid(state);
        TreeSet<String> names = new TreeSet<>(states.keySet());
        if (loaded != null) {
            names.addAll(loaded.sets().keySet());
        }
        long waiting = waitingReports(state);
        if (output().json()) {
            output().json(json(pid, names, states, waiting));
            return ExitCodes.OK;
        }
        output().result(pid.isPresent() ? "daemon: running (pid " + pid.getAsLong() + "), state in " + state
                : "daemon: not running (state in " + state + ")");
        if (names.isEmpty()) {
            output().result(loaded == null ? "no backup sets: " + file + " does not exist (see docs/daemon.md for its format)"
                    : "no backup sets in " + file);
            return ExitCodes.OK;
        }
        Table t = new Table("SET", "LAST RUN", "RESULT", "LAST SUCCESS", "NEXT RUN", "MESSAGE");
        for (String name : names) {
            SetState s = states.get(name);
            t.add(name, time(s == null ? null : s.lastStart()), s == null || s.result() == null ? "never ran" : s.result(),
                    time(s == null ? null : s.lastSuccess()), time(s == null ? null : s.nextRun()),
                    s == null || s.message() == null ? "" : s.message());
        }
        t.render().forEach(output()::result);
        if (waiting > 0) {
            output().result(dev.cairn.agent.ui.Formats.count(waiting, "run report waits", "run reports wait")
                    + " to be delivered to the server");
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(OptionalLong pid, TreeSet<String> names, Map<String, SetState> states, long waiting) {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (String name : names) {
            SetState s = states.get(name);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("set", name);
            m.put("lastStart", s == null ? null : str(s.lastStart()));
            m.put("lastEnd", s == null ? null : str(s.lastEnd()));
            m.put("result", s == null ? null : s.result());
            m.put("message", s == null ? null : s.message());
            m.put("lastSuccess", s == null ? null : str(s.lastSuccess()));
            m.put("nextRun", s == null ? null : str(s.nextRun()));
            sets.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("daemonRunning", pid.isPresent());
        doc.put("pid", pid.isPresent() ? pid.getAsLong() : null);
        doc.put("reportsWaiting", waiting);
        doc.put("sets", sets);
        return doc;
    }

    private static long waitingReports(Path state) throws java.io.IOException {
        Path outbox = state.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (var s = Files.list(outbox)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
