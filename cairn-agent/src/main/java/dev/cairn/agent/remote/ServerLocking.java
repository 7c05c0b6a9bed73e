package dev.cairn.agent.remote;

import dev.cairn.client.Lease;
import dev.cairn.client.LeaseClient;
import dev.cairn.client.LeaseConflictException;
import dev.cairn.client.LeaseLostException;
import dev.cairn.engine.repo.Locking;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.repo.RepositoryLockedException;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Locks a server repository with the server's leases (docs/spec/http-api.md §12.4) instead of lock objects: a lease
 * with {@link #TTL}, renewed every third of it. When a renewal is answered {@code lease-lost} (410), or renewals keep
 * failing until the lease has expired, the {@link LeaseGuard} stops every further write. A killed agent simply stops
 * renewing, so its lease ends within the TTL and never blocks anyone longer. Thread-safe.
 */
public final class ServerLocking implements Locking {
    /** The lease TTL the agent asks for (the server's default). */
    public static final Duration TTL = Duration.ofSeconds(120);
    private final LeaseClient leases;
    private final String holder;
    private final Duration ttl;
    private final LeaseGuard guard;
    private final InstantSource clock;

    /**
     * @param holder who holds the lease, shown to others ({@code user@host pid N (backup)})
     * @param clock  the local clock that decides when a lease that could not be renewed has surely expired
     */
    public ServerLocking(LeaseClient leases, String holder, Duration ttl, LeaseGuard guard, InstantSource clock) {
        this.leases = leases;
        this.holder = holder;
        this.ttl = ttl;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Held acquire(Repository repo, boolean exclusive, RepositoryLock.DeadHolder dead) throws IOException {
        try {
            return new Renewed(leases.acquire(exclusive, holder, ttl));
        } catch (LeaseConflictException e) {
            throw new RepositoryLockedException("the repository is in use: " + e.holders().stream().map(Lease::describe)
                    .collect(Collectors.joining("; ")) + ". Wait for it to finish (a lease whose holder is gone ends by itself "
                    + "within " + e.retryAfter().toSeconds() + " s), or if you are sure, 'cairn unlock --remove-all'", e);
        }
    }

    @Override
    public List<String> live(Repository repo) throws IOException {
        return leases.list().stream().map(Lease::describe).toList();
    }

    @Override
    public List<String> remove(Repository repo, boolean all) throws IOException {
        return all ? leases.removeAll().stream().map(Lease::describe).toList() : List.of();
    }

    /** Our lease, renewed until closed. */
    private final class Renewed implements Held {
        private final ScheduledExecutorService renewer;
        private volatile Lease lease;

        Renewed(Lease lease) {
            this.lease = lease;
            this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-lease-renew");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, ttl.toMillis() / 3);
            renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                lease = leases.renew(lease.id());
            } catch (LeaseLostException e) {
                guard.lost(e.getMessage());
                renewer.shutdown();
            } catch (IOException | RuntimeException e) {
                if (lease.expiresAt() != null && !clock.instant().isBefore(lease.expiresAt())) {
                    guard.lost("could not renew the lease before it expired (" + e.getMessage() + ")");
                    renewer.shutdown();
                } // else try again at the next third of the TTL
            }
        }

        @Override
        public void close() {
            renewer.shutdownNow();
            try {
                leases.release(lease.id());
            } catch (IOException e) {
                // the lease ends by itself within its TTL
            }
        }
    }
}
