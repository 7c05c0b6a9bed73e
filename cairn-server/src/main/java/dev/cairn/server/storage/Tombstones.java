package dev.cairn.server.storage;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Objects deleted with a grace period ({@code deleted_objects}): hidden from the tenant at once, physically removed by
 * the purge job after {@code purge_after}. The lookups every object read and listing makes ({@link #contains},
 * {@link #ids}) go through the database's read connections, which on SQLite never queue behind the writer (see
 * {@code Database#reads}); under load they waited for one of its four write connections behind write commits, and a
 * listing or download could take tens of seconds (load suite, issue 21). Thread-safe.
 */
final class Tombstones {
    private final Jdbi jdbi;
    private final Jdbi reads;

    /** One hidden object due for removal. */
    record Due(long accountId, String repo, BlobName name, long size) {
    }

    /** @param reads for lookups: sees every write committed before a lookup starts */
    Tombstones(Jdbi jdbi, Jdbi reads) {
        this.jdbi = jdbi;
        this.reads = reads;
    }

    /** Hides an object; false if it was already hidden (a concurrent delete won). */
    boolean add(long accountId, String repo, BlobName name, long size, Instant now, Instant purgeAfter) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO deleted_objects (account_id, repo, kind, object_id, size, "
                + "deleted_at, purge_after) VALUES (:a, :r, :k, :o, :s, :now, :p) ON CONFLICT DO NOTHING")
                .bind("a", accountId).bind("r", repo).bind("k", name.kind().dirName()).bind("o", name.id())
                .bind("s", size).bind("now", now.toEpochMilli()).bind("p", purgeAfter.toEpochMilli()).execute() == 1);
    }

    boolean contains(long accountId, String repo, BlobName name) {
        return reads.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deleted_objects WHERE account_id = :a AND "
                + "repo = :r AND kind = :k AND object_id = :o").bind("a", accountId).bind("r", repo)
                .bind("k", name.kind().dirName()).bind("o", name.id()).mapTo(Long.class).one() > 0);
    }

    /** Ids of the hidden objects of one kind in a repository. */
    Set<String> ids(long accountId, String repo, BlobKind kind) {
        return reads.withHandle(h -> h.createQuery("SELECT object_id FROM deleted_objects WHERE account_id = :a AND "
                + "repo = :r AND kind = :k").bind("a", accountId).bind("r", repo).bind("k", kind.dirName())
                .mapTo(String.class).stream().collect(Collectors.toSet()));
    }

    /** Removes the record (after the object is physically gone); false if another process removed it first. */
    boolean remove(long accountId, String repo, BlobName name) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM deleted_objects WHERE account_id = :a AND repo = :r AND "
                + "kind = :k AND object_id = :o").bind("a", accountId).bind("r", repo).bind("k", name.kind().dirName())
                .bind("o", name.id()).execute() == 1);
    }

    List<Due> due(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deleted_objects WHERE purge_after <= :now "
                + "ORDER BY purge_after LIMIT " + limit).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Due(rs.getLong("account_id"), rs.getString("repo"), BlobName.of(
                        BlobKind.fromDirName(rs.getString("kind")).orElseThrow(), rs.getString("object_id")),
                        rs.getLong("size"))).list());
    }
}
