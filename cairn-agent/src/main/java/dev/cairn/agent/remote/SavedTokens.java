package dev.cairn.agent.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.client.DeviceToken;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The tokens {@code cairn login} saved, one entry per server (keyed by scheme, host and port), in
 * {@code DIR/credentials.json}: the directory is made mode 0700, the file 0600, and every change is written to a new
 * private file that then replaces the old one atomically, so a crash never leaves half a file or a readable secret.
 * Not safe against two processes saving at the same moment (the last one wins, whole).
 */
public final class SavedTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "credentials.json";
    private final Path dir;

    public SavedTokens(Path dir) {
        this.dir = dir;
    }

    /** The file the tokens live in. */
    public Path file() {
        return dir.resolve(FILE);
    }

    /** The token saved for {@code serverKey}, if any. */
    public Optional<String> token(String serverKey) throws IOException {
        return Optional.ofNullable(read().path("servers").path(serverKey).path("token").textValue());
    }

    /** Saves (or replaces) the token for {@code serverKey}. */
    public void save(String serverKey, DeviceToken token) throws IOException {
        ObjectNode all = read();
        ObjectNode servers = all.has("servers") ? (ObjectNode) all.get("servers") : all.putObject("servers");
        servers.putObject(serverKey).put("token", token.token()).put("tokenId", token.tokenId())
                .put("account", token.account()).put("device", token.deviceName()).put("scope", token.scope());
        write(all);
    }

    /** Deletes the entry for {@code serverKey}; whether there was one. */
    public boolean delete(String serverKey) throws IOException {
        ObjectNode all = read();
        if (!(all.get("servers") instanceof ObjectNode servers) || servers.remove(serverKey) == null) {
            return false;
        }
        write(all);
        return true;
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file())) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(file().toFile()) instanceof ObjectNode node ? node : JSON.createObjectNode();
    }

    private void write(ObjectNode all) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
        Path tmp = posix ? Files.createTempFile(dir, ".credentials", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".credentials", ".tmp");
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            try {
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
