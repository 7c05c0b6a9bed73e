package dev.cairn.agent.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * {@code STATE_DIR/daemon.lock}: held (an OS file lock, {@link FileChannel#tryLock()}) by the one daemon of a state
 * directory, with its pid inside. The OS drops the lock when the process ends, however it ends, so a stale file never
 * blocks a new daemon.
 */
public final class InstanceLock implements AutoCloseable {
    /** The file's name in the state directory. */
    public static final String NAME = "daemon.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code stateDir}; an IllegalStateException says which daemon holds it. */
    public static InstanceLock acquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String pid = readPid(ch);
            ch.close();
            throw new IllegalStateException("a cairn daemon is already running for " + stateDir
                    + (pid.isEmpty() ? "" : " (pid " + pid + ")") + "; stop it first, or give this one another --state-dir");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(true);
        return new InstanceLock(ch, lock);
    }

    /** The pid of the daemon holding {@code stateDir}'s lock, or empty when no daemon runs there. */
    public static OptionalLong runningPid(Path stateDir) throws IOException {
        Path file = stateDir.resolve(NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null; // this JVM runs it
            }
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
            String pid = readPid(ch);
            return pid.isEmpty() ? OptionalLong.of(0) : OptionalLong.of(Long.parseLong(pid));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    private static String readPid(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("\\d+") ? text : "";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
