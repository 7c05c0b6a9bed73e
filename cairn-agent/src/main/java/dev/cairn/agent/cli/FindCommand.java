package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonDocument;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
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
        try (OpenRepository open = openRepositoryForReading(); JsonDocument json = output().jsonDocument()) {
            json.startArray();
            long hits = 0;
            for (SnapshotRef ref : selected(open.repo())) {
                hits += search(open.repo(), ref, matcher, byPath, json);
            }
            json.endArray();
            if (hits == 0) {
                output().info("nothing matches " + pattern);
            }
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

    /**
     * Prints the matches in one snapshot as they are found (in JSON: an object for the snapshot, started at its first
     * match, with {@code hits} after the matches); returns how many there were.
     */
    private long search(Repository repo, SnapshotRef ref, PathMatcher matcher, boolean byPath, JsonDocument json) throws IOException {
        long[] matches = {0};
        SnapshotTrees.walk(repo, ref.snapshot().tree(), "/", (path, node) -> {
            if (matcher.matches(Path.of(byPath ? path : node.name()))) {
                if (matches[0]++ == 0) {
                    output().result("Found matching entries in snapshot " + ref.shortId() + " from " + Formats.time(ref.snapshot().time()));
                    json.startObject().field("snapshot", ref.id()).field("short_id", ref.shortId()).field("time", ref.snapshot().time())
                            .startArray("matches");
                }
                json.element(SnapshotTrees.json(path, node));
                output().result(path);
            }
            return true;
        });
        if (matches[0] > 0) {
            json.endArray().field("hits", matches[0]).endObject();
            output().result("");
        }
        return matches[0];
    }
}
