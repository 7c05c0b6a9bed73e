package dev.cairn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for secrets in everything stored under some directories (a repository, an S3 back end's files, a server's data
 * directory with its database): every regular file is read whole and searched for each needle, byte for byte. A test
 * first shows that it finds a planted needle (so a wrong directory or an empty scan cannot pass), then that a backup
 * left none. Not for large stores: files are read into memory one at a time.
 */
public final class PlaintextScanner {
    private final Map<String, byte[]> needles = new LinkedHashMap<>();

    /** A needle by name (the name is what a finding reports, so that secrets do not end up in test reports). */
    public PlaintextScanner needle(String name, byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("needle '" + name + "' has " + bytes.length + " bytes; use 8 or more, "
                    + "or shorter ones match by chance");
        }
        needles.put(name, bytes.clone());
        return this;
    }

    /** A found needle: its name and the file it is in. */
    public record Finding(String needle, Path file) {
    }

    /** Every needle found in every regular file under {@code roots}; empty if none. */
    public List<Finding> scan(Path... roots) {
        if (needles.isEmpty()) {
            throw new IllegalStateException("no needles: a scan for nothing finds nothing");
        }
        List<Finding> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] content = Files.readAllBytes(file);
                    needles.forEach((name, needle) -> {
                        if (indexOf(content, needle) >= 0) {
                            found.add(new Finding(name, file));
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException("scanning " + root, e);
            }
        }
        return found;
    }

    /** Every needle, one after the other: what a test plants to show that the scan finds them. */
    public byte[] allNeedles() {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        needles.values().forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** The needles' names. */
    public List<String> names() {
        return List.copyOf(needles.keySet());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "PlaintextScanner" + Arrays.toString(needles.keySet().toArray());
    }
}
