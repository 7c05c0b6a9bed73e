package dev.cairn.agent.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server signing key a copy directory trusts ({@code DIR/.cairn-export/signing-key}): written on the first pull
 * into the directory (trust on first use, like SSH), compared on every later one; a changed key is refused.
 */
public final class PinnedKey {
    static final String FILE = "signing-key";

    private PinnedKey() {
    }

    /** The key pinned in copy directory {@code dir}, if any. */
    public static Optional<String> of(Path dir) throws IOException {
        Path f = State.dir(dir).resolve(FILE);
        return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.US_ASCII).strip()) : Optional.empty();
    }

    /**
     * Pins {@code serverKey} in {@code dir} if nothing is pinned; returns whether it pinned it now.
     *
     * @throws ExportFailure {@code DAMAGED} if another key is pinned
     */
    static boolean check(Path dir, String serverKey) throws IOException {
        Optional<String> pinned = of(dir);
        if (pinned.isEmpty()) {
            Files.createDirectories(State.dir(dir));
            Files.writeString(State.dir(dir).resolve(FILE), serverKey + "\n", StandardCharsets.US_ASCII);
            return true;
        }
        if (!pinned.get().equals(serverKey)) {
            throw new ExportFailure(ExportFailure.Kind.DAMAGED, "the server's signing key changed: " + dir
                    + " trusts " + pinned.get() + " but the server now has " + serverKey + "; nothing was pulled. If "
                    + "the server's operator confirms the new key, pull into a new directory");
        }
        return false;
    }

    /** Where pull keeps its own state in a copy directory. */
    static final class State {
        private State() {
        }

        static Path dir(Path copyDir) {
            return copyDir.resolve(".cairn-export");
        }
    }
}
