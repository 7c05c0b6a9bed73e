package dev.cairn.export.service;

import dev.cairn.export.crypt.AgeRecipient;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.ServiceException;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The age recipients each workspace's exports are encrypted to ({@code export_recipients}). Thread-safe. */
public final class Recipients {
    /** How many recipients a workspace may have. */
    static final int LIMIT = 20;
    private final Jdbi jdbi;
    private final InstantSource clock;

    public Recipients(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Registers {@code text} ({@code age1…}) under {@code name}.
     *
     * @throws ServiceException {@code validation-failed} for a missing name or a malformed recipient, {@code
     *     already-exists} for one registered already
     */
    public Recipient add(long workspaceId, String name, String text, String by) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new ServiceException(ErrorCode.VALIDATION_FAILED, "give the key a name of 1-100 characters "
                    + "(whose key it is, e.g. 'office NAS')");
        }
        AgeRecipient.Result parsed = AgeRecipient.parse(text);
        AgeRecipient r = parsed.recipient().orElseThrow(() -> new ServiceException(ErrorCode.VALIDATION_FAILED,
                parsed.problem()));
        long now = clock.millis();
        long id = jdbi.inTransaction(h -> {
            List<String> known = h.createQuery("SELECT recipient FROM export_recipients WHERE workspace_id = :w")
                    .bind("w", workspaceId).mapTo(String.class).list();
            if (known.contains(r.text())) {
                throw ServiceException.conflict("this recipient is registered already");
            }
            if (known.size() >= LIMIT) {
                throw ServiceException.conflict("a workspace has at most " + LIMIT + " recipients; remove one first");
            }
            return h.createQuery("INSERT INTO export_recipients (workspace_id, name, recipient, created_by, "
                    + "created_at) VALUES (:w, :n, :r, :by, :now) RETURNING id").bind("w", workspaceId).bind("n", n)
                    .bind("r", r.text()).bind("by", by).bind("now", now).mapTo(Long.class).one();
        });
        return new Recipient(id, n, r.text(), by, java.time.Instant.ofEpochMilli(now));
    }

    public List<Recipient> list(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM export_recipients WHERE workspace_id = :w ORDER BY id")
                .bind("w", workspaceId).map((rs, ctx) -> new Recipient(rs.getLong("id"), rs.getString("name"),
                        rs.getString("recipient"), rs.getString("created_by"), Rows.instant(rs, "created_at")))
                .list());
    }

    /** @throws ServiceException {@code not-found} if the workspace has no such recipient */
    public void remove(long workspaceId, long id) {
        int n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM export_recipients WHERE workspace_id = :w AND id = :id")
                .bind("w", workspaceId).bind("id", id).execute());
        if (n == 0) {
            throw ServiceException.notFound("no such recipient");
        }
    }
}
