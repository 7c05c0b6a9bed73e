package dev.cairn.server.feature;

import dev.cairn.server.http.Route;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.WebKit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A product feature plugged into the platform (the records workspace today; the onsite export and billing next): its
 * migrations, its services, its routes with their roles, its navigation entries, background jobs and what it does
 * when an account is purged. The platform knows features only through this interface; the composition root
 * ({@code cairn-dist}) decides which are plugged in. See ADR 22.
 */
public interface Feature {
    /** A short stable name, for logs ("workspace"). */
    String name();

    /**
     * Flyway locations of the feature's migrations ({@code classpath:db/<feature>}). They share the platform's history
     * table; versions of different features may interleave and are applied out of order (never edit an applied one).
     */
    List<String> migrationLocations();

    /**
     * Builds the feature's services on the platform's. Called once per process that opens the data directory: the
     * server, and the admin command line (which uses no routes).
     */
    Running start(Platform platform);

    /** A started feature. Implementations are thread-safe. */
    interface Running {
        /**
         * The feature's HTTP routes, each with exactly one role: a platform {@link dev.cairn.server.http.Role} or the
         * feature's own {@link dev.cairn.server.http.FeatureRole}. They are registered after the platform's fixed routes
         * and before the restic REST patterns, in this order.
         */
        List<Route> routes(WebKit web);

        /** Entries the feature adds to the main navigation of signed-in pages, after the dashboard's. */
        default List<NavLink> navigation() {
            return List.of();
        }

        /**
         * Runs once when the server has claimed its data directory and forgotten a predecessor that died there (its
         * quota reservations and uploads in flight are settled), before it listens: for work that needs to know which
         * server processes are alive (e.g. failing what a killed predecessor was running). Default: nothing.
         */
        default void afterClaim() {
        }

        /** Periodic background jobs; each must be safe to run on several server processes at once. */
        default List<Job> jobs() {
            return List.of();
        }

        /** Deletes the feature's data of an account whose deletion grace period ended (its stored objects are gone). */
        void accountPurged(long accountId) throws IOException;

        /**
         * Restores the feature's part of an onsite copy into account {@code accountId} when an offline server starts
         * from it ({@code cairn server --offline --from-copy DIR}, before it listens). {@code copy} is a decrypted
         * copy: a directory holding {@code manifest.json}. Returns false, changing nothing, when the copy holds no
         * part of this feature or the account already has the feature's data (a later start of the same server).
         * Throws {@link dev.cairn.server.error.ServiceException} with the user's words when the copy cannot be read
         * (not verified, newer format); all-or-nothing, so a retry after the cause is fixed starts clean.
         */
        default boolean importCopy(Path copy, long accountId, PrintStream out) throws IOException {
            return false;
        }
    }

    /** A periodic job: runs every {@code period}, first after one period; a failure is logged and it runs again. */
    record Job(String name, Duration period, Task task) {
    }

    /** A job's body. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }
}
