package dev.cairn.agent.daemon;

import dev.cairn.engine.repo.Repository;
import java.io.IOException;

/**
 * Opens a set's repository the way the CLI does (passphrase from {@code password-file} or {@code password-command},
 * server credentials and leases, bandwidth limits, the index cache). The CLI implements it, so the daemon needs none of
 * the CLI's classes.
 */
@FunctionalInterface
public interface RepositoryOpener {
    /** Opens {@code set}'s repository; the passphrase is derived into the key here, once. */
    Opened open(SetConfig set) throws IOException;

    /** An open repository, and what closing it must close (the store under it). */
    record Opened(Repository repo, AutoCloseable handle) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            handle.close();
        }
    }
}
