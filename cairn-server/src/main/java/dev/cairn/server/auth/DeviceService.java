package dev.cairn.server.auth;

import dev.cairn.protocol.DeviceAuthorization;
import dev.cairn.protocol.DeviceInfo;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Devices: API tokens with a device name, signed in either by the device flow of RFC 8628 (the device asks for a code,
 * the signed-in user approves it in a browser, the device collects its token once) or with the account's password.
 * Device codes are stored as their SHA-256, are single use and expire after {@link #EXPIRES_IN}; asking for codes and
 * polling with unknown codes are throttled per client address. Thread-safe; time from the injected clock.
 */
public final class DeviceService {
    public static final Duration EXPIRES_IN = Duration.ofMinutes(10);
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    static final String DEFAULT_NAME = "device";

    private final Jdbi jdbi;
    private final TokenService tokens;
    private final InstantSource clock;
    private final RandomBytes random;
    private final LoginThrottle authorizations;
    private final LoginThrottle failedPolls;

    public DeviceService(Jdbi jdbi, TokenService tokens, InstantSource clock, RandomBytes random) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
        this.authorizations = new LoginThrottle(clock, 30, Duration.ofMinutes(5));
        this.failedPolls = new LoginThrottle(clock, 30, Duration.ofMinutes(5));
    }

    /**
     * Starts a sign-in: a device code for the device, a user code for its user.
     *
     * @param baseUrl the server's URL as users reach it, without a trailing slash
     * @throws ServiceException {@code bad-request} for a bad name, {@code too-many-requests} past 30 in 5 minutes
     */
    public DeviceAuthorization authorize(String deviceName, String baseUrl, String clientAddress) {
        String name = deviceName == null ? DEFAULT_NAME : TokenService.label(deviceName, "device name");
        String key = "address:" + clientAddress;
        authorizations.check(key);
        authorizations.failed(key); // every request counts
        String deviceCode = Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(32));
        Instant now = clock.instant();
        String userCode = jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM device_codes WHERE expires_at <= :now").bind("now", now.toEpochMilli()).execute();
            String code = freeUserCode(h);
            h.createUpdate("INSERT INTO device_codes (code_hash, user_code, device_name, state, created_at, expires_at) "
                    + "VALUES (:h, :u, :n, 'pending', :c, :e)").bind("h", Secrets.hash(deviceCode)).bind("u", code)
                    .bind("n", name).bind("c", now.toEpochMilli()).bind("e", now.plus(EXPIRES_IN).toEpochMilli())
                    .execute();
            return code;
        });
        String shown = UserCodes.display(userCode);
        return new DeviceAuthorization(deviceCode, shown, baseUrl + "/device", baseUrl + "/device?code=" + shown,
                EXPIRES_IN.toSeconds(), INTERVAL.toSeconds());
    }

    private String freeUserCode(Handle h) {
        while (true) {
            String code = UserCodes.next(random);
            if (h.createQuery("SELECT COUNT(*) FROM device_codes WHERE user_code = :u").bind("u", code)
                    .mapTo(Long.class).one() == 0) {
                return code;
            }
        }
    }

    /**
     * The device's poll: its token exactly once after approval.
     *
     * @throws ServiceException {@code authorization-pending}, {@code slow-down}, {@code access-denied},
     *                          {@code expired-token} (unknown, used or expired; counted against the address),
     *                          {@code too-many-requests}
     */
    public DeviceGrant poll(String deviceCode, String clientAddress) {
        String key = "address:" + clientAddress;
        failedPolls.check(key);
        Instant now = clock.instant();
        String hash = Secrets.hash(deviceCode == null ? "" : deviceCode);
        Outcome outcome = jdbi.inTransaction(h -> pollIn(h, hash, now)); // refusals after the commit (last poll time)
        if (outcome.grant() != null) {
            return outcome.grant();
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        failedPolls.failed(key);
        throw new ServiceException(ErrorCode.EXPIRED_TOKEN, "this device code is unknown, was used or expired; "
                + "start the sign-in again");
    }

    /** A poll's answer: the grant, a refusal, or neither (an unknown, used or expired code). */
    private record Outcome(DeviceGrant grant, ServiceException refusal) {
    }

    private Outcome pollIn(Handle h, String hash, Instant now) {
        var row = h.createQuery("SELECT * FROM device_codes WHERE code_hash = :h").bind("h", hash).mapToMap().findOne();
        if (row.isEmpty() || "used".equals(row.get().get("state"))
                || !now.isBefore(Instant.ofEpochMilli(((Number) row.get().get("expires_at")).longValue()))) {
            return new Outcome(null, null);
        }
        String state = (String) row.get().get("state");
        if ("approved".equals(state)) {
            h.createUpdate("UPDATE device_codes SET state = 'used' WHERE code_hash = :h").bind("h", hash).execute();
            long accountId = ((Number) row.get().get("account_id")).longValue();
            String name = (String) row.get().get("device_name");
            return new Outcome(new DeviceGrant(tokens.insert(h, accountId, name, TokenScope.APPEND, null, name),
                    accountId), null);
        }
        if ("denied".equals(state)) {
            return new Outcome(null, new ServiceException(ErrorCode.ACCESS_DENIED, "the user denied this sign-in"));
        }
        Number last = (Number) row.get().get("last_poll_at");
        h.createUpdate("UPDATE device_codes SET last_poll_at = :now WHERE code_hash = :h").bind("now", now.toEpochMilli())
                .bind("h", hash).execute();
        if (last != null && now.isBefore(Instant.ofEpochMilli(last.longValue()).plus(INTERVAL))) {
            return new Outcome(null, new ServiceException(ErrorCode.SLOW_DOWN, "polled faster than every "
                    + INTERVAL.toSeconds() + " seconds; add 5 seconds to the interval"));
        }
        return new Outcome(null, new ServiceException(ErrorCode.AUTHORIZATION_PENDING, "waiting for the user to "
                + "approve the sign-in"));
    }

    /** The pending sign-in of a user code as typed (case, spaces and dashes ignored), if it is live. */
    public Optional<PendingDevice> pending(String typedCode) {
        Optional<String> code = UserCodes.normalize(typedCode);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM device_codes WHERE user_code = :u AND state = 'pending' "
                + "AND expires_at > :now").bind("u", code.get()).bind("now", clock.millis())
                .map((rs, ctx) -> new PendingDevice(rs.getString("user_code"), rs.getString("device_name"),
                        Rows.instant(rs, "expires_at"))).findOne());
    }

    /**
     * Approves a pending sign-in for the account, under {@code deviceName} (null: the name the device gave).
     *
     * @throws ServiceException {@code not-found} for an unknown, decided or expired code; {@code bad-request} for a bad name
     */
    public void approve(String typedCode, long accountId, String deviceName) {
        String name = deviceName == null || deviceName.isBlank() ? null : TokenService.label(deviceName, "device name");
        decide(typedCode, "UPDATE device_codes SET state = 'approved', account_id = :a"
                + (name == null ? "" : ", device_name = :n") + " WHERE user_code = :u AND state = 'pending' "
                + "AND expires_at > :now", accountId, name);
    }

    /** Denies a pending sign-in; the device's next poll gets {@code access-denied}. */
    public void deny(String typedCode, long accountId) {
        decide(typedCode, "UPDATE device_codes SET state = 'denied', account_id = :a WHERE user_code = :u "
                + "AND state = 'pending' AND expires_at > :now", accountId, null);
    }

    private void decide(String typedCode, String sql, long accountId, String name) {
        String code = UserCodes.normalize(typedCode).orElseThrow(DeviceService::unknownCode);
        int n = jdbi.withHandle(h -> {
            var update = h.createUpdate(sql).bind("a", accountId).bind("u", code).bind("now", clock.millis());
            return (name == null ? update : update.bind("n", name)).execute();
        });
        if (n == 0) {
            throw unknownCode();
        }
    }

    private static ServiceException unknownCode() {
        return ServiceException.notFound("no sign-in is waiting for this code: it is mistyped, was already approved or "
                + "denied, or expired (codes are valid for 10 minutes); start the sign-in on the device again");
    }

    /**
     * The scripted sign-in (with the password or a {@code full} credential): a device token at once.
     *
     * @throws ServiceException {@code bad-request} for a bad name
     */
    public DeviceGrant signIn(long accountId, String name, TokenScope scope) {
        String label = TokenService.label(name, "device name");
        TokenScope chosen = scope == null ? TokenScope.APPEND : scope;
        return new DeviceGrant(jdbi.inTransaction(h -> tokens.insert(h, accountId, label, chosen, null, label)),
                accountId);
    }

    /** The account's signed-in devices (not revoked), newest first. */
    public List<DeviceInfo> list(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE account_id = :a AND device_name IS "
                + "NOT NULL AND revoked_at IS NULL ORDER BY id DESC").bind("a", accountId)
                .map((rs, ctx) -> new DeviceInfo(rs.getLong("id"), rs.getString("device_name"),
                        TokenScope.parse(rs.getString("scope")), Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "last_used_at"), Rows.instant(rs, "last_backup_at"))).list());
    }

    /**
     * Signs a device out: revokes its token.
     *
     * @throws ServiceException {@code not-found} if the account has no such signed-in device
     */
    public void revoke(long accountId, long deviceId) {
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND "
                + "account_id = :a AND device_name IS NOT NULL AND revoked_at IS NULL").bind("now", clock.millis())
                .bind("id", deviceId).bind("a", accountId).execute());
        if (n == 0) {
            throw ServiceException.notFound("no signed-in device " + deviceId + " in this account; list them with GET "
                    + "/api/v1/account/devices");
        }
    }

    /** Records that the token stored a snapshot (the device's last backup). */
    public void backedUp(long tokenId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_backup_at = :now WHERE id = :id")
                .bind("now", clock.millis()).bind("id", tokenId).execute());
    }
}
