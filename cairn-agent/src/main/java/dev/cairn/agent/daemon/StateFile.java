package dev.cairn.agent.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code STATE_DIR/state.json}: the {@link SetState} of every set, replaced atomically (written to a temporary file,
 * forced to disk, renamed over the old one), so a crash leaves the old state or the new one, never half of one. The file
 * format is in docs/daemon.md (State).
 */
public final class StateFile {
    /** The file's name in the state directory. */
    public static final String NAME = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public StateFile(Path stateDir) {
        this.file = stateDir.resolve(NAME);
    }

    /** The sets' states; empty if the daemon never saved any. */
    public synchronized Map<String, SetState> load() throws IOException {
        try {
            Document d = JSON.readValue(Files.readAllBytes(file), Document.class);
            return d.sets() == null ? new TreeMap<>() : new TreeMap<>(d.sets());
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
    }

    /** Replaces the file with {@code sets}. */
    public synchronized void save(Map<String, SetState> sets) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(new Document(1, new TreeMap<>(sets)))));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    record Document(int version, Map<String, SetState> sets) {
    }
}
