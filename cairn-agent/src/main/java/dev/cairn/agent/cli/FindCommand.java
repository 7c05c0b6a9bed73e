package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn find PATTERN}: searches snapshots for names or paths matching a glob. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Find files and directories by glob in all snapshots (or the ones selected).",
                "A PATTERN without '/' matches names ('*.pdf'); with '/' it matches absolute paths ('/home/*/notes/**')."})
final class FindCommand extends BaseCommand {
    @Parameters(paramLabel = "PATTERN", description = "glob: * ? [abc] {a,b}; ** crosses directories")
    String pattern;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "SNAPSHOT", description = "search only this snapshot (repeatable)")
    List<String> snapshots = new ArrayList<>();

    @Mixin
    SnapshotFilterOptions filter;

    @Override
    protected int execute() throws Exception {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        boolean byPath = pattern.contains("/");
        try (OpenRepository open = openRepositoryForReading()) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (SnapshotRef ref : selected(open.repo())) {
                List<Map<String, Object>> matches = search(open.repo(), ref, matcher, byPath);
                if (!matches.isEmpty()) {
                    results.add(JsonOutput.object("snapshot", ref.id(), "short_id", ref.shortId(), "time", ref.snapshot().time(),
                            "hits", matches.size(), "matches", matches));
                }
            }
            if (results.isEmpty()) {
                output().info("nothing matches " + pattern);
            }
            output().json(results);
            return ExitCodes.OK;
        }
    }

    private List<SnapshotRef> selected(Repository repo) throws IOException {
        if (snapshots.isEmpty()) {
            return Snapshots.list(repo).stream().filter(r -> filter.predicate().test(r.snapshot())).toList();
        }
        List<SnapshotRef> refs = new ArrayList<>();
        for (String spec : snapshots) {
            refs.add(Snapshots.resolve(repo, spec, filter.predicate()));
        }
        return refs;
    }

    private List<Map<String, Object>> search(Repository repo, SnapshotRef ref, PathMatcher matcher, boolean byPath) throws IOException {
        List<Map<String, Object>> matches = new ArrayList<>();
        SnapshotTrees.walk(repo, ref.snapshot().tree(), "/", (path, node) -> {
            if (matcher.matches(Path.of(byPath ? path : node.name()))) {
                if (matches.isEmpty()) {
                    output().result("Found matching entries in snapshot " + ref.shortId() + " from " + Formats.time(ref.snapshot().time()));
                }
                matches.add(SnapshotTrees.json(path, node));
                output().result(path);
            }
            return true;
        });
        if (!matches.isEmpty()) {
            output().result("");
        }
        return matches;
    }
}
