package dev.cairn.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory really unwritable for a test, even when tests run as root (who ignores permission bits): it
 * removes the write bits, and if a probe file can still be created, sets the immutable attribute with {@code chattr +i}.
 * If neither works the test is aborted (skipped) rather than passing vacuously. Close the handle to undo everything.
 * <pre>
 *   try (WriteProtection p = WriteProtection.of(dir)) { ... writes under dir now fail ... }
 * </pre>
 */
public final class WriteProtection implements AutoCloseable {
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r-xr-xr-x");

    private final Path dir;
    private final Set<PosixFilePermission> originalMode;
    private final boolean immutable;

    private WriteProtection(Path dir, Set<PosixFilePermission> originalMode, boolean immutable) {
        this.dir = dir;
        this.originalMode = originalMode;
        this.immutable = immutable;
    }

    /** Protects {@code dir} (not its subdirectories) against creating, deleting and renaming entries. */
    public static WriteProtection of(Path dir) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, READ_ONLY);
        if (!canCreateIn(dir)) {
            return new WriteProtection(dir, mode, false);
        }
        if (chattr("+i", dir) && !canCreateIn(dir)) {
            return new WriteProtection(dir, mode, true);
        }
        chattr("-i", dir);
        Files.setPosixFilePermissions(dir, mode);
        Assumptions.abort("cannot make " + dir + " unwritable here (running as root without chattr support)");
        throw new AssertionError("unreachable");
    }

    /** Whether the protection needed the immutable attribute (the tests run as root). */
    public boolean usesImmutableAttribute() {
        return immutable;
    }

    @Override
    public void close() throws IOException {
        if (immutable && !chattr("-i", dir)) {
            throw new IOException("could not clear the immutable attribute of " + dir + "; run chattr -i on it");
        }
        Files.setPosixFilePermissions(dir, originalMode);
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path dir) {
        try {
            Process process = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
