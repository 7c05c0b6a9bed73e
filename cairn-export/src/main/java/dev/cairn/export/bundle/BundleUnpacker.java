package dev.cairn.export.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a bundle's ZIP stream into a directory, refusing any entry that would land outside it (absolute paths,
 * {@code ..}) or twice. It checks nothing else: {@link BundleCheck} does, on what was unpacked.
 */
public final class BundleUnpacker {
    private BundleUnpacker() {
    }

    /** Unpacks {@code zip} into {@code dir} (created if needed); returns how many files it wrote. */
    public static int unpack(InputStream zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("the bundle holds an entry outside its directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    in.transferTo(out);
                }
                files++;
            }
        }
        return files;
    }
}
