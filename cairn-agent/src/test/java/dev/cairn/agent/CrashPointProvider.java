package dev.cairn.agent;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.testkit.ObservedBlobStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code crashpoint:/path/to/repo?point=KIND:EVENT:N&signal=FILE}: a local store that stops the process at one point of its
 * writes, for {@link CrashTest} to kill it there. EVENT is {@code start}, {@code half} or {@code done} of a put or {@code delete} (after a delete), N counts
 * puts of KIND ({@code data}, {@code index}, {@code snapshots}, {@code locks}) from 1. At the point every other write is
 * held too (new puts before they start, running ones once published), so the store's state is exactly the point's; then
 * the point's name is written to FILE and the process waits to be killed (it halts itself after 5 minutes, so a test that
 * died cannot leave it behind). With {@code &release=FILE} the point is a gate instead: the process waits until FILE
 * exists and then goes on (every held write with it), so a test can hold a process at a point while it starts another.
 * Registered for the child JVMs through META-INF/services in the test resources.
 */
public final class CrashPointProvider implements BlobStoreProvider {
    @Override
    public String scheme() {
        return "crashpoint";
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String[] point = query.get("point").split(":");
        BlobKind kind = BlobKind.fromDirName(point[0]).orElseThrow();
        return ObservedBlobStore.wrap(LocalBlobStore.open(Path.of(location.getPath())),
                new CrashPoint(kind, Event.valueOf(point[1].toUpperCase(java.util.Locale.ROOT)), Integer.parseInt(point[2]),
                        query.get("point"), Path.of(query.get("signal")),
                        query.containsKey("release") ? Path.of(query.get("release")) : null));
    }

    private enum Event { START, HALF, DONE, DELETE }

    private enum Step { GO, PARK, STOP_HERE }

    private static final class CrashPoint implements ObservedBlobStore.Observer {
        private final BlobKind kind;
        private final Event event;
        private final int n;
        private final String label;
        private final Path signal;
        private final Path release;
        private final Map<Event, Integer> seen = new HashMap<>();
        private int inFlight;
        private boolean frozen;

        CrashPoint(BlobKind kind, Event event, int n, String label, Path signal, Path release) {
            this.kind = kind;
            this.event = event;
            this.n = n;
            this.label = label;
            this.signal = signal;
            this.release = release;
        }

        @Override
        public void putStarting(BlobName name) throws IOException {
            Step step;
            synchronized (this) {
                step = frozen ? Step.PARK : arrive(Event.START, name);
                if (step == Step.GO) {
                    inFlight++;
                }
            }
            follow(step, 0);
        }

        @Override
        public void putHalfway(BlobName name) throws IOException {
            Step step;
            synchronized (this) {
                step = frozen ? Step.GO : arrive(Event.HALF, name); // a put already running finishes (then parks)
            }
            follow(step, 1);
        }

        @Override
        public void putDone(BlobName name) throws IOException {
            Step step;
            synchronized (this) {
                inFlight--;
                notifyAll();
                step = frozen ? Step.PARK : arrive(Event.DONE, name);
            }
            follow(step, 0);
        }

        @Override
        public void deleted(BlobName name) throws IOException {
            Step step;
            synchronized (this) {
                step = frozen ? Step.PARK : arrive(Event.DELETE, name);
            }
            follow(step, 0);
        }

        /** Counts the event; STOP_HERE (and from then on frozen) if it is the crash point. Call holding the lock. */
        private Step arrive(Event e, BlobName name) {
            if (name.kind() != kind || seen.merge(e, 1, Integer::sum) != n || e != event) {
                return Step.GO;
            }
            frozen = true;
            return Step.STOP_HERE;
        }

        /** STOP_HERE: waits until only {@code ownPuts} puts run (the others are published), announces the point, parks. */
        private void follow(Step step, int ownPuts) throws IOException {
            if (step == Step.GO) {
                return;
            }
            try {
                if (step == Step.STOP_HERE) {
                    synchronized (this) {
                        long deadline = System.nanoTime() + 60_000_000_000L;
                        while (inFlight > ownPuts && System.nanoTime() < deadline) {
                            wait(1000);
                        }
                    }
                    Path temp = signal.resolveSibling(signal.getFileName() + ".tmp");
                    Files.writeString(temp, label);
                    Files.move(temp, signal, StandardCopyOption.ATOMIC_MOVE);
                }
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (System.nanoTime() < deadline) {
                    if (release != null && Files.exists(release)) {
                        return; // a gate: go on
                    }
                    Thread.sleep(release == null ? 1000 : 20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted at crash point " + label);
            }
            Runtime.getRuntime().halt(99); // nobody killed us: the test is gone
        }
    }
}
