package dev.cairn.agent.export;

import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.chain.Chains;
import dev.cairn.export.chain.Link;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code cairn export verify}: checks a copy offline against the pinned signing key. {@code dir} is a copy directory
 * (every export in it) or one export's directory (the key pinned in its parent); {@code key} overrides the pin. An
 * incremental export also needs the export it chains to beside it (docs/spec/export-format.md §7): a missing or
 * broken link is one of its problems.
 */
public final class CopyCheck {
    private CopyCheck() {
    }

    /** The problems of each export checked, by directory (an empty list: intact). */
    public static Map<Path, List<String>> check(Path dir, String key) throws IOException {
        boolean single = Files.isRegularFile(dir.resolve("manifest.json"));
        Path copyDir = single ? dir.toAbsolutePath().getParent() : dir;
        String trusted = key != null ? key : pinned(copyDir).orElseThrow(() -> new ExportFailure(
                ExportFailure.Kind.USAGE, "no signing key pinned in " + copyDir + "; give --key (the server's "
                        + "signing key, from its Onsite copy page or GET /api/v1/export/signing-key)"));
        List<Path> exports = new ArrayList<>();
        if (single) {
            exports.add(dir);
        } else {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().forEach(exports::add);
            }
        }
        if (exports.isEmpty()) {
            throw new ExportFailure(ExportFailure.Kind.USAGE, "no export in " + dir);
        }
        Map<Path, List<String>> result = new LinkedHashMap<>();
        for (Path p : exports) {
            result.put(p, new ArrayList<>(BundleCheck.problems(p, trusted)));
        }
        chainProblems(copyDir, exports, result);
        return result;
    }

    /** Adds the link problem of each incremental export checked, its chain looked up among every export of the copy. */
    private static void chainProblems(Path copyDir, List<Path> checked, Map<Path, List<String>> result)
            throws IOException {
        List<Link> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(copyDir)) {
            for (Path p : children.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().toList()) {
                try {
                    all.add(Link.read(p));
                } catch (IOException unreadable) {
                    continue; // its own check says what is wrong with its manifest
                }
            }
        }
        for (var e : Chains.check(all).entrySet()) {
            Path p = checked.stream().filter(c -> sameFile(c, e.getKey().dir())).findFirst().orElse(null);
            if (p != null && e.getValue().isPresent()) {
                result.get(p).add("chain: " + e.getValue().get());
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static Optional<String> pinned(Path copyDir) throws IOException {
        return copyDir == null ? Optional.empty() : PinnedKey.of(copyDir);
    }
}
