package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Source trees for backups, and comparisons of restored trees. */
final class TestTrees {
    private TestTrees() {
    }

    /** A small tree: text files, a 3 MiB random file (several chunks), an empty file and dir, a nested dir, a symlink. */
    static Path sample(Path parent) throws IOException {
        Path src = Files.createDirectories(parent.resolve("src"));
        write(src.resolve("hello.txt"), "hello, world\n");
        write(src.resolve("notes.md"), "# notes\nsome text\n");
        Files.write(src.resolve("big.bin"), random(3 << 20, 42));
        Files.createFile(src.resolve("empty"));
        Files.createDirectories(src.resolve("emptydir"));
        Path docs = Files.createDirectories(src.resolve("docs/reports"));
        write(docs.resolve("q1.pdf"), "not really a pdf");
        write(src.resolve("docs/readme.txt"), "readme");
        Files.createSymbolicLink(src.resolve("link"), Path.of("hello.txt"));
        return src;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Where restore puts a backed-up absolute path: below the target, with the same absolute structure. */
    static Path restored(Path target, Path source) {
        Path abs = source.toAbsolutePath().normalize();
        return target.resolve(abs.getRoot().relativize(abs).toString());
    }

    /** Asserts same relative paths, kinds, file contents, symlink targets and permission bits. */
    static void assertSameTree(Path expected, Path actual) {
        assertThat(describe(actual)).isEqualTo(describe(expected));
    }

    /** Every entry below {@code root} (relative path → kind, permissions and content digest). */
    static TreeMap<String, String> describe(Path root) {
        TreeMap<String, String> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> map.put(root.relativize(p).toString(), entry(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    private static String entry(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "link -> " + Files.readSymbolicLink(p);
            }
            String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            if (Files.isDirectory(p)) {
                return "dir " + perms;
            }
            return "file " + perms + " " + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file in a store directory with its size: a cheap way to see that nothing was written. */
    static TreeMap<String, Long> listing(Path dir) throws IOException {
        TreeMap<String, Long> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                map.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) : -1L);
            }
        }
        return map;
    }
}
