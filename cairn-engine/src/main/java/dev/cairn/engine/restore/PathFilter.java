package dev.cairn.engine.restore;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Include/exclude decisions on snapshot paths (see {@link RestoreOptions} for the semantics). Immutable and thread-safe.
 * Whole-path decisions use {@code glob:} matchers; whether a directory may hold an included path is decided component by
 * component, conservatively ({@code **} anywhere in the prefix means "maybe").
 */
final class PathFilter {
    private static final FileSystem FS = FileSystems.getDefault();
    private final List<Glob> includes;
    private final List<Glob> excludes;

    /** One compiled pattern; a {@code null} component matcher stands for a component containing {@code **}. */
    private record Glob(PathMatcher whole, List<PathMatcher> components) {
    }

    private PathFilter(List<Glob> includes, List<Glob> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * @throws IllegalArgumentException if a pattern is empty or not a valid glob
     */
    static PathFilter of(List<String> includes, List<String> excludes) {
        return new PathFilter(compile(includes, "include"), compile(excludes, "exclude"));
    }

    /** Whether there are no patterns at all: every path is selected, none needs looking at. */
    boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /** Whether there are no includes, so that everything not excluded is selected. */
    boolean selectsAll() {
        return includes.isEmpty();
    }

    /** Whether an include pattern matches {@code path} itself. */
    boolean included(Path path) {
        return includes.stream().anyMatch(g -> g.whole().matches(path));
    }

    /** Whether an exclude pattern matches {@code path} itself. */
    boolean excluded(Path path) {
        return excludes.stream().anyMatch(g -> g.whole().matches(path));
    }

    /** Whether some include could match a path below the directory {@code dir}. */
    boolean mayIncludeBelow(Path dir) {
        return includes.stream().anyMatch(g -> mayMatchBelow(g, dir));
    }

    private static boolean mayMatchBelow(Glob glob, Path dir) {
        int depth = dir.getNameCount();
        for (int i = 0; i < depth; i++) {
            if (i >= glob.components().size()) {
                return false;
            }
            PathMatcher m = glob.components().get(i);
            if (m == null) {
                return true;
            }
            if (!m.matches(dir.getName(i))) {
                return false;
            }
        }
        return glob.components().size() > depth;
    }

    private static List<Glob> compile(List<String> patterns, String what) {
        List<Glob> out = new ArrayList<>();
        for (String p : patterns) {
            if (p == null || p.isEmpty()) {
                throw new IllegalArgumentException("an empty " + what + " pattern matches nothing; remove it");
            }
            String normal = normalize(p);
            try {
                out.add(new Glob(FS.getPathMatcher("glob:" + normal), components(normal)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(what + " pattern '" + p + "' is not a valid glob: " + e.getDescription(), e);
            }
        }
        return List.copyOf(out);
    }

    private static String normalize(String pattern) {
        String p = pattern;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/**";
        }
        return p.startsWith("/") ? p : "**/" + p;
    }

    private static List<PathMatcher> components(String normal) {
        List<PathMatcher> out = new ArrayList<>();
        for (String c : (normal.startsWith("/") ? normal.substring(1) : normal).split("/", -1)) {
            out.add(c.contains("**") ? null : componentMatcher(c));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** A component that is not a glob on its own (a {@code /} inside braces was split) conservatively matches anything. */
    private static PathMatcher componentMatcher(String component) {
        try {
            return FS.getPathMatcher("glob:" + component);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
