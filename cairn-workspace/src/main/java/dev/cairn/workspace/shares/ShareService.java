package dev.cairn.workspace.shares;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.auth.LoginThrottle;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.Secrets;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.error.ThrottledException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.reports.FixedRow;
import dev.cairn.workspace.reports.ReportResult;
import dev.cairn.workspace.reports.ReportService;
import dev.cairn.workspace.reports.ReportSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Share links: made, listed and revoked by workspace members (the HTTP layer checks their roles), opened by anyone
 * holding the token. {@link #open} decides what a request gets and logs it, refused ones included; it never shows
 * more than the link's report, computed now with the link's restriction added. Time comes from the injected clock,
 * tokens and unlock secrets from the injected random source. Thread-safe.
 */
public final class ShareService {
    /** How long a browser that gave the right passphrase may open the link without giving it again. */
    public static final Duration UNLOCK_VALIDITY = Duration.ofHours(2);
    /** What a token looks like: 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MIN_PASSPHRASE = 8;
    private static final int MAX_PASSPHRASE = 1024;

    private final ShareStore store;
    private final ReportService reports;
    private final Workspaces workspaces;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final InstantSource clock;
    private final RandomBytes random;

    /** @param throttle counts wrong passphrases per link */
    public ShareService(Jdbi jdbi, ReportService reports, Workspaces workspaces, PasswordHasher hasher,
            LoginThrottle throttle, InstantSource clock, RandomBytes random) {
        this.store = new ShareStore(jdbi, ShareStore.KEPT_ACCESSES);
        this.reports = reports;
        this.workspaces = workspaces;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.random = random;
    }

    /** A new link and its token, which exists only here: the server keeps its hash. */
    public record Created(Share share, String token) {
    }

    /**
     * Makes a link to one of the workspace's reports.
     *
     * @throws ValidationException naming {@code report}, {@code expiresAt}, {@code passphrase} or {@code fixedTo.*}
     */
    public Created create(Caller caller, ShareRequest request) {
        ReportSpec report = requireReport(caller, request.report());
        List<FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expiresAt", request.expiresAt() + " is not in the future; leave it out for a "
                    + "link that does not expire"));
        }
        String passphrase = request.passphrase() == null || request.passphrase().isEmpty() ? null
                : request.passphrase();
        if (passphrase != null && (passphrase.length() < MIN_PASSPHRASE || passphrase.length() > MAX_PASSPHRASE)) {
            errors.add(new FieldError("passphrase", "use " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE + " characters,"
                    + " or leave it out for a link without a passphrase"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("the share link is invalid", errors);
        }
        FixedRow fixed = fixedRow(caller, report.id(), request.fixedTo());
        String token = Secrets.newSecret(random, "");
        long id = store.insert(caller.workspaceId(), report.id(), report.name(), Secrets.hash(token),
                passphrase == null ? null : hasher.hash(passphrase), fixed, caller.accountId(), caller.accountName(),
                now.toEpochMilli(), request.expiresAt() == null ? null : request.expiresAt().toEpochMilli());
        return new Created(get(caller, id), token);
    }

    private ReportSpec requireReport(Caller caller, Long reportId) {
        if (reportId == null) {
            throw ValidationException.of("report", "is missing; give the id of the report to share");
        }
        try {
            return reports.get(caller, reportId);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw ValidationException.of("report", "the workspace has no report " + reportId);
            }
            throw e;
        }
    }

    private FixedRow fixedRow(Caller caller, long reportId, Share.FixedTo fixedTo) {
        if (fixedTo == null) {
            return null;
        }
        if (fixedTo.record() == null) {
            throw ValidationException.of("fixedTo.record", "is missing; give the id of the referenced record");
        }
        return reports.fixedRow(caller, reportId, fixedTo.column(), fixedTo.record());
    }

    /** The workspace's links, newest first, revoked and expired ones included. */
    public List<Share> list(Caller caller) {
        return store.list(caller.workspaceId(), clock.instant());
    }

    /** @throws ServiceException {@code not-found} if the workspace has no such link */
    public Share get(Caller caller, long id) {
        return store.get(caller.workspaceId(), id, clock.instant()).orElseThrow(() -> notFound(id));
    }

    /** Revokes a link at once, and every browser's unlock with it (idempotent). */
    public Share revoke(Caller caller, long id) {
        if (!store.revoke(caller.workspaceId(), id, clock.millis(), caller.accountName())) {
            throw notFound(id);
        }
        return get(caller, id);
    }

    /** The link's most recent requests (at most 1,000), newest first. */
    public List<ShareAccess> accesses(Caller caller, long id) {
        return store.accesses(get(caller, id).id());
    }

    private static ServiceException notFound(long id) {
        return ServiceException.notFound("no share link " + id + " in this workspace; list them with GET "
                + "/api/v1/workspace/shares");
    }

    /**
     * Opens a link: the report's result if the link works and (with a passphrase) {@code unlockSecret} is a valid
     * unlock of it; otherwise what refused it. Every outcome but an unknown token is logged with {@code visit}.
     */
    public ShareView open(String token, String unlockSecret, Visit visit) {
        ShareStore.Row row = find(token);
        if (row == null) {
            return new ShareView.Unknown();
        }
        long now = clock.millis();
        ShareOutcome refused = refusal(row, now);
        if (refused == null && row.passphraseHash() != null && !unlocked(row, unlockSecret, now)) {
            refused = ShareOutcome.PASSPHRASE_REQUIRED;
        }
        if (refused != null) {
            store.log(row.id(), refused, visit, now);
            return refused == ShareOutcome.PASSPHRASE_REQUIRED ? new ShareView.Locked() : new ShareView.Gone(refused);
        }
        ShareView.Open open = compute(row);
        store.log(row.id(), open == null ? ShareOutcome.UNAVAILABLE : ShareOutcome.SHOWN, visit, now);
        return open == null ? new ShareView.Gone(ShareOutcome.UNAVAILABLE) : open;
    }

    private ShareStore.Row find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return null;
        }
        return store.byTokenHash(Secrets.hash(token)).orElse(null);
    }

    /** Why the link does not work at all now, or null if it does. */
    private static ShareOutcome refusal(ShareStore.Row row, long now) {
        if (row.revokedAt() != null) {
            return ShareOutcome.REVOKED;
        }
        if (row.expiresAt() != null && now >= row.expiresAt()) {
            return ShareOutcome.EXPIRED;
        }
        if (row.reportId() == null) {
            return ShareOutcome.REPORT_DELETED;
        }
        return row.ownerActive() ? null : ShareOutcome.UNAVAILABLE;
    }

    private boolean unlocked(ShareStore.Row row, String secret, long now) {
        return secret != null && TOKEN.matcher(secret).matches()
                && store.isUnlocked(row.id(), Secrets.hash(secret), now);
    }

    /** The result, or null when the report can no longer be computed as the link restricts it. */
    private ShareView.Open compute(ShareStore.Row row) {
        Caller reader = new Caller(row.workspaceId(), row.owner(), 0, "share link " + row.id(), WorkspaceRole.VIEWER);
        try {
            ReportResult result = reports.run(reader, row.reportId(), row.fixed());
            return new ShareView.Open(workspaces.name(row.workspaceId()), result, row.ownerZone());
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.GONE || e.code() == ErrorCode.NOT_FOUND) {
                return null; // the restricting column was removed, or the report was deleted just now
            }
            throw e;
        }
    }

    /**
     * Checks a passphrase for a link. Wrong guesses are throttled per link (as logins are per account); every attempt
     * is logged.
     */
    public Unlock unlock(String token, String passphrase, Visit visit) {
        ShareStore.Row row = find(token);
        if (row == null) {
            return new Unlock.Unknown();
        }
        long now = clock.millis();
        ShareOutcome refused = refusal(row, now);
        if (refused != null) {
            store.log(row.id(), refused, visit, now);
            return new Unlock.Gone(refused);
        }
        if (row.passphraseHash() == null) {
            return new Unlock.Unlocked(null, null);
        }
        return check(row, passphrase, visit, now);
    }

    private Unlock check(ShareStore.Row row, String passphrase, Visit visit, long now) {
        String key = "share:" + row.id();
        try {
            throttle.check(key);
        } catch (ThrottledException e) {
            store.log(row.id(), ShareOutcome.THROTTLED, visit, now);
            return new Unlock.Throttled(e.retryAfter());
        }
        boolean right = passphrase != null && passphrase.length() <= MAX_PASSPHRASE
                && hasher.verify(passphrase, row.passphraseHash());
        if (!right) {
            throttle.failed(key);
            store.log(row.id(), ShareOutcome.WRONG_PASSPHRASE, visit, now);
            return new Unlock.Wrong();
        }
        throttle.succeeded(key);
        String secret = Secrets.newSecret(random, "");
        long expires = now + UNLOCK_VALIDITY.toMillis();
        store.addUnlock(row.id(), Secrets.hash(secret), expires, now);
        store.log(row.id(), ShareOutcome.UNLOCKED, visit, now);
        return new Unlock.Unlocked(secret, Instant.ofEpochMilli(expires));
    }
}
