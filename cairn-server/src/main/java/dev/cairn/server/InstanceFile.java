package dev.cairn.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code server.instance} in the data directory: the id of the server process using it, under an exclusive lock held
 * for the process's life (ADR 58). The operating system drops the lock when the process dies, however it dies, so a
 * server that takes the lock and finds another id there knows that process is dead now: it can give back that
 * process's reservations and recount its interrupted uploads at once, instead of waiting for its heartbeat to go stale.
 * If the lock is held (another live server on this data directory), nothing is claimed. Not thread-safe.
 */
final class InstanceFile implements AutoCloseable {
    static final String NAME = "server.instance";

    private final FileChannel channel;
    private final String predecessor;

    private InstanceFile(FileChannel channel, String predecessor) {
        this.channel = channel;
        this.predecessor = predecessor;
    }

    /** Takes the lock of {@code dataDir}'s instance file if it is free and writes {@code instanceId} into it. */
    static InstanceFile claim(Path dataDir, String instanceId) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(NAME), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return new InstanceFile(null, null);
            }
            ByteBuffer previous = ByteBuffer.allocate((int) Math.min(channel.size(), 256));
            channel.read(previous, 0);
            String before = new String(previous.array(), 0, previous.position(), StandardCharsets.US_ASCII).strip();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((instanceId + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new InstanceFile(channel, before.isEmpty() || before.equals(instanceId) ? null : before);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another server in this JVM holds it (tests): it is alive
        }
    }

    /** The id of the process that used the data directory before and is dead now; empty if none or unknown. */
    Optional<String> predecessor() {
        return Optional.ofNullable(predecessor);
    }

    /** Drops the lock (the id stays in the file: the next start forgets this process, which has nothing in flight). */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
