package dev.cairn.engine.backup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a backup leaves out: glob excludes (with a {@code /}: matched against the absolute path, also matching
 * everything below a matched directory; without: matched against the base name) and "exclude a directory if it contains
 * file X". Immutable and thread-safe.
 */
final class SourceFilter {
    private final List<PathMatcher> pathMatchers = new ArrayList<>();
    private final List<PathMatcher> nameMatchers = new ArrayList<>();
    private final List<String> markers;

    SourceFilter(List<String> excludes, List<String> excludeIfPresent) {
        for (String pattern : excludes) {
            String p = pattern.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            if (p.endsWith("/") && p.length() > 1) {
                p = p.substring(0, p.length() - 1);
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
            (p.contains("/") ? pathMatchers : nameMatchers).add(m);
        }
        this.markers = List.copyOf(excludeIfPresent);
    }

    /** Reads patterns from exclude files, one per line; blank lines and lines starting with # are ignored. */
    static List<String> readPatternFiles(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(Files.readAllLines(f));
        }
        return out;
    }

    boolean excluded(Path absolute) {
        if (nameMatchers.isEmpty() && pathMatchers.isEmpty()) {
            return false;
        }
        Path name = absolute.getFileName();
        if (name != null) {
            for (PathMatcher m : nameMatchers) {
                if (m.matches(name)) {
                    return true;
                }
            }
        }
        for (PathMatcher m : pathMatchers) {
            if (m.matches(absolute)) {
                return true;
            }
        }
        return false;
    }

    boolean excludedDirectory(Path dir) {
        for (String marker : markers) {
            if (Files.exists(dir.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }
}
