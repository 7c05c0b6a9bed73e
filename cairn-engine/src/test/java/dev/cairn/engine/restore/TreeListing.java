package dev.cairn.engine.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A comparable description of a directory tree: relative path → type, mode, mtime (ns), owner and content hash or link target. */
final class TreeListing {
    private TreeListing() {
    }

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                out.put(root.relativize(p).toString(), describe(p));
            }
        }
        return out;
    }

    static String describe(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
            String owner = a.get("owner") + ":" + a.get("group");
            if ((Boolean) a.get("isSymbolicLink")) {
                return "symlink -> " + Files.readSymbolicLink(p) + " mtime=" + mtime + " " + owner;
            }
            String mode = Integer.toOctalString((Integer) a.get("mode") & 07777);
            if ((Boolean) a.get("isDirectory")) {
                return "dir mode=" + mode + " mtime=" + mtime + " " + owner;
            }
            return "file mode=" + mode + " mtime=" + mtime + " " + owner + " size=" + a.get("size") + " sha256=" + sha256(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
