package dev.cairn.engine.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds source trees on disk with seeded content and distinct nanosecond mtimes. */
final class Sources {
    static final String LONG_ASCII = "L".repeat(255);
    static final String LONG_UNICODE = "名".repeat(85); // 255 UTF-8 bytes
    static final String UNICODE = "ünïcødé-名前-🎉.txt";

    private Sources() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Concatenation of the given chunks. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    /** A tree with every kind of entry the restorer must reproduce. */
    static Path standard(Path src) throws IOException {
        Files.createDirectories(src);
        Files.write(src.resolve("empty.txt"), new byte[0]);
        Files.writeString(src.resolve("small.txt"), "hello, world\n");
        Files.write(src.resolve("multi.bin"), random(5 * TestRepo.CHUNK + 123, 1));
        byte[] a = random(TestRepo.CHUNK, 2);
        Files.write(src.resolve("dups.bin"), concat(a, random(TestRepo.CHUNK, 3), a, a, random(1000, 4)));
        Files.createDirectories(src.resolve("emptydir"));
        Files.createDirectories(src.resolve("nested/deeper/deepest"));
        Files.writeString(src.resolve("nested/deeper/deepest/file.txt"), "deep\n".repeat(1000));
        Files.writeString(src.resolve(UNICODE), "unicode\n");
        Files.writeString(src.resolve(LONG_ASCII), "long ascii name\n");
        Files.writeString(src.resolve(LONG_UNICODE), "long unicode name\n");
        Path links = Files.createDirectories(src.resolve("links"));
        Files.createSymbolicLink(links.resolve("relative"), Path.of("../small.txt"));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("does/not/exist"));
        Files.createSymbolicLink(links.resolve("absolute"), src.resolve("small.txt").toAbsolutePath());
        Files.createSymbolicLink(links.resolve("dir"), Path.of("../nested"));
        permissions(src.resolve("perms"));
        stampTimes(src);
        return src;
    }

    private static void permissions(Path perms) throws IOException {
        Files.createDirectories(perms.resolve("sticky"));
        Files.createDirectories(perms.resolve("rodir"));
        Files.writeString(perms.resolve("rodir/inner.txt"), "inside a read-only directory\n");
        mode(perms.resolve("rodir/inner.txt"), 0640);
        mode(perms.resolve("rodir"), 0555);
        mode(perms.resolve("sticky"), 01777);
        for (int m : new int[] {0444, 0600, 0755, 04755, 02750}) {
            Path f = perms.resolve("mode-" + Integer.toOctalString(m));
            Files.writeString(f, "mode " + Integer.toOctalString(m) + "\n");
            mode(f, m);
        }
    }

    static void mode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** Gives every entry a distinct mtime with nanoseconds, children before parents so directory times stick. */
    static void stampTimes(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.comparing(Path::getNameCount).reversed()).toList();
        }
        long t = 1_600_000_000_123_456_789L;
        for (Path p : all) {
            t += 86_400_000_000_007L;
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(t, TimeUnit.NANOSECONDS), null, null);
        }
    }
}
