package dev.cairn.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code backup --files-from*}: the lists of paths to back up, read as restic reads them. {@code -} reads standard input.
 * <ul>
 * <li>{@code --files-from}: one per line, trimmed; empty lines and {@code #} comments skipped; a line with {@code * ? [} is a
 * glob, expanded (a glob matching nothing is warned about and skipped).</li>
 * <li>{@code --files-from-verbatim}: one per line, exactly as written (only empty lines skipped).</li>
 * <li>{@code --files-from-raw}: separated by NUL bytes, exactly as written (for {@code find -print0}).</li>
 * </ul>
 */
final class FilesFrom {
    private final InputStream stdin;
    private final Consumer<String> warn;

    FilesFrom(InputStream stdin, Consumer<String> warn) {
        this.stdin = stdin;
        this.warn = warn;
    }

    List<Path> patterns(String file) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String raw : read(file).split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<Path> expanded = line.matches(".*[*?\\[].*") ? glob(line) : List.of(Path.of(line));
            if (expanded.isEmpty()) {
                warn.accept("pattern \"" + line + "\" in " + file + " matches no files, skipped");
            }
            out.addAll(expanded);
        }
        return out;
    }

    List<Path> verbatim(String file) throws IOException {
        return split(read(file), "\n");
    }

    List<Path> raw(String file) throws IOException {
        return split(read(file), "\0");
    }

    private static List<Path> split(String text, String separator) {
        List<Path> out = new ArrayList<>();
        for (String name : text.split(java.util.regex.Pattern.quote(separator))) {
            if (!name.isEmpty()) {
                out.add(Path.of(name));
            }
        }
        return out;
    }

    private String read(String file) throws IOException {
        byte[] bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The existing paths matching {@code pattern}, component by component, sorted. */
    static List<Path> glob(String pattern) throws IOException {
        Path p = Path.of(pattern);
        Path base = p.isAbsolute() ? p.getRoot() : Path.of("");
        List<Path> current = List.of(base);
        for (Path part : p) {
            String name = part.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!name.matches(".*[*?\\[].*")) {
                    Path child = dir.resolve(name);
                    if (Files.exists(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        next.add(child);
                    }
                    continue;
                }
                Path listed = dir.toString().isEmpty() ? Path.of(".") : dir;
                if (!Files.isDirectory(listed)) {
                    continue;
                }
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
                    for (Path e : entries) {
                        if (matcher.matches(e.getFileName())) {
                            next.add(dir.resolve(e.getFileName()));
                        }
                    }
                }
            }
            current = next;
        }
        return current.stream().sorted().toList();
    }
}
