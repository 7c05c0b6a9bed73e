package dev.cairn.server.auth;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.TokenCreated;
import dev.cairn.protocol.TokenInfo;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.ServiceException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens: named, scoped ({@link TokenScope}), optionally expiring, revocable. The secret is returned once by
 * {@link #create} and stored only as its SHA-256. Thread-safe; every method is one short database transaction.
 */
public final class TokenService {
    /** Prefix of every token secret, so leaked tokens are easy to recognise (and to scan for). */
    public static final String PREFIX = "cairn_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Jdbi reads;
    private final InstantSource clock;
    private final RandomBytes random;
    private final DeviceTokenRejected rejected;

    /** Told when a device's revoked or expired token is presented (the signed-out alert). Must not throw. */
    @FunctionalInterface
    public interface DeviceTokenRejected {
        /** {@code why}: "was revoked" or "expired at ...". */
        void rejected(long tokenId, String why);
    }

    /** {@code reads}: for the lookup of every authenticated request ({@code Database.reads()}). */
    public TokenService(Jdbi jdbi, Jdbi reads, InstantSource clock, RandomBytes random) {
        this(jdbi, reads, clock, random, (id, why) -> {
        });
    }

    /** As above, telling {@code rejected} about every refused device token. */
    public TokenService(Jdbi jdbi, Jdbi reads, InstantSource clock, RandomBytes random, DeviceTokenRejected rejected) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.clock = clock;
        this.random = random;
        this.rejected = rejected;
    }

    /**
     * Creates a token for {@code accountId}.
     *
     * @throws ServiceException {@code bad-request} for a blank or over-long name or an expiry in the past
     */
    public TokenCreated create(long accountId, String name, TokenScope scope, Instant expiresAt) {
        String label = label(name, "token name");
        if (scope == null) {
            throw ServiceException.badRequest("token scope is required: read, append or full");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ServiceException.badRequest("token expiry " + expiresAt + " is in the past");
        }
        return jdbi.withHandle(h -> insert(h, accountId, label, scope, expiresAt, null));
    }

    /** Inserts a token in {@code h}'s transaction; {@code deviceName} non-null makes it a device's token. */
    TokenCreated insert(org.jdbi.v3.core.Handle h, long accountId, String label, TokenScope scope, Instant expiresAt,
            String deviceName) {
        String secret = Secrets.newSecret(random, PREFIX);
        long id = h.createQuery("INSERT INTO api_tokens (account_id, name, scope, secret_hash, created_at, expires_at, "
                + "device_name) VALUES (:a, :n, :s, :h, :c, :e, :d) RETURNING id")
                .bind("a", accountId).bind("n", label).bind("s", scope.wireName()).bind("h", Secrets.hash(secret))
                .bind("c", clock.millis()).bind("e", Rows.millis(expiresAt)).bind("d", deviceName)
                .mapTo(Long.class).one();
        return new TokenCreated(id, label, scope, secret, expiresAt);
    }

    /**
     * {@code name} stripped, if it is 1-100 characters.
     *
     * @throws ServiceException {@code bad-request} naming {@code what} otherwise
     */
    static String label(String name, String what) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw ServiceException.badRequest(what + " must be 1-100 characters");
        }
        return label;
    }

    /** The account's tokens, newest first, revoked ones included. */
    public List<TokenInfo> list(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE account_id = :a ORDER BY id DESC")
                .bind("a", accountId).map((rs, ctx) -> info(rs)).list());
    }

    /**
     * Revokes one of the account's tokens (idempotent).
     *
     * @throws ServiceException {@code not-found} if the account has no such token
     */
    public void revoke(long accountId, long tokenId) {
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, :now) "
                + "WHERE id = :id AND account_id = :a").bind("now", clock.millis()).bind("id", tokenId)
                .bind("a", accountId).execute());
        if (n == 0) {
            throw ServiceException.notFound("no token " + tokenId + " in this account; list them with GET /api/v1/account/tokens");
        }
    }

    /** Revokes every token of an account (account deletion). */
    public void revokeAll(long accountId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE account_id = :a "
                + "AND revoked_at IS NULL").bind("now", clock.millis()).bind("a", accountId).execute());
    }

    /**
     * Checks a presented secret.
     *
     * @throws ServiceException {@code unauthenticated} for an unknown secret, {@code token-revoked} or {@code token-expired}
     */
    public TokenGrant authenticate(String secret) {
        Instant now = clock.instant();
        Owned row = reads.withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE secret_hash = :h")
                .bind("h", Secrets.hash(secret)).map((rs, ctx) -> new Owned(info(rs), rs.getLong("account_id"),
                        rs.getObject("signout_alerted_at") == null ? rs.getString("device_name") : null))
                .findOne()).orElseThrow(() -> new ServiceException(ErrorCode.UNAUTHENTICATED,
                        "unknown API token; create one in the web UI or with 'cairn server token add'"));
        TokenInfo token = row.token();
        if (token.revokedAt() != null) {
            if (row.deviceName() != null) {
                rejected.rejected(token.id(), "was revoked at " + token.revokedAt());
            }
            throw new ServiceException(ErrorCode.TOKEN_REVOKED, "API token '" + token.name() + "' was revoked; create a new one");
        }
        if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
            if (row.deviceName() != null) {
                rejected.rejected(token.id(), "expired at " + token.expiresAt());
            }
            throw new ServiceException(ErrorCode.TOKEN_EXPIRED, "API token '" + token.name() + "' expired at "
                    + token.expiresAt() + "; create a new one");
        }
        touch(token, now);
        return new TokenGrant(token.id(), row.accountId(), token.scope());
    }

    /** {@code deviceName}: the token's device, while its rejection was not reported yet (else null). */
    private record Owned(TokenInfo token, long accountId, String deviceName) {
    }

    private void touch(TokenInfo token, Instant now) {
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                    .bind("now", now.toEpochMilli()).bind("id", token.id()).execute());
        }
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        return new TokenInfo(rs.getLong("id"), rs.getString("name"), TokenScope.parse(rs.getString("scope")),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "last_used_at"),
                Rows.instant(rs, "revoked_at"));
    }
}
