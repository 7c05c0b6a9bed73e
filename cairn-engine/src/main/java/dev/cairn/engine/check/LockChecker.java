package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.repo.RepositoryException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import java.io.IOException;
import java.time.Instant;

/** Warns about locks older than {@link RepositoryLock#STALE} and lock objects that cannot be read. */
final class LockChecker {
    private LockChecker() {
    }

    static void check(Repository repo, Report report) throws IOException {
        Instant now = repo.environment().clock().instant();
        for (String id : repo.list(BlobKind.LOCK).stream().sorted().toList()) {
            RepositoryLock.LockInfo lock;
            try {
                lock = Json.read(repo.loadUnpacked(BlobKind.LOCK, id), RepositoryLock.LockInfo.class, "lock " + id);
            } catch (BlobNotFoundException e) {
                continue; // released since it was listed
            } catch (RepositoryException | FormatException e) {
                report.warning("locks/" + id, "lock cannot be read (" + Report.cause(e, "locks/" + id) + "); 'cairn unlock' removes it");
                continue;
            }
            if (lock.time() == null || lock.time().plus(RepositoryLock.STALE).isBefore(now)) {
                report.warning("locks/" + id, "stale lock held by pid " + lock.pid() + " on " + lock.hostname() + " ("
                        + lock.username() + ") since " + lock.time() + ", not refreshed for over "
                        + RepositoryLock.STALE.toMinutes() + " minutes; if that process is gone, 'cairn unlock' removes it");
            }
        }
    }
}
