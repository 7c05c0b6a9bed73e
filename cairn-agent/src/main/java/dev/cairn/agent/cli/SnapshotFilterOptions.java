package dev.cairn.agent.cli;

import dev.cairn.engine.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** {@code --host}, {@code --tag}, {@code --path}: which snapshots a command looks at (a picocli mixin). */
final class SnapshotFilterOptions {
    @Option(names = "--host", paramLabel = "HOST", description = "only snapshots of HOST (repeat for several)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG[,TAG…]",
            description = "only snapshots with all of these tags (repeat for alternatives)")
    List<String> tagGroups = new ArrayList<>();

    @Option(names = "--path", paramLabel = "PATH", description = "only snapshots that include PATH (repeat: all of them)")
    List<Path> paths = new ArrayList<>();

    Predicate<Snapshot> predicate() {
        List<List<String>> groups = tagGroups.stream()
                .map(g -> Arrays.stream(g.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList()).toList();
        List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        return s -> (hosts.isEmpty() || hosts.contains(s.hostname()))
                && (groups.isEmpty() || groups.stream().anyMatch(g -> s.tags().containsAll(g)))
                && s.paths().containsAll(absolute);
    }
}
