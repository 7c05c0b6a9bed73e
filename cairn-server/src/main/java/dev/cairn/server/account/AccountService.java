package dev.cairn.server.account;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.SignupRequest;
import dev.cairn.server.auth.LoginThrottle;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.Secrets;
import dev.cairn.server.auth.SessionService;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Account life cycle and password authentication. Independent of HTTP, used by the API handlers, the web pages and the
 * admin CLI alike. Thread-safe. Refusals are {@link ServiceException}s whose messages say what to do.
 */
public final class AccountService {
    private static final String SIGNUP_SETTING = "signup";

    private final Jdbi jdbi;
    private final AccountDao dao;
    private final PasswordHasher hasher;
    private final LoginThrottle accountThrottle;
    private final LoginThrottle addressThrottle;
    private final SessionService sessions;
    private final TokenService tokens;
    private final InstantSource clock;
    private final RandomBytes random;
    private final SignupMode defaultSignup;
    private final Duration deletionGrace;
    private final PasswordCache passwordCache;
    private final AdminStanding standing;

    /** {@code reads}: for the account lookup of every authenticated request ({@code Database.reads()}). */
    public AccountService(Jdbi jdbi, Jdbi reads, PasswordHasher hasher, LoginThrottle accountThrottle,
            LoginThrottle addressThrottle, SessionService sessions,
            TokenService tokens, InstantSource clock, RandomBytes random, SignupMode defaultSignup,
            Duration deletionGrace) {
        this.jdbi = jdbi;
        this.dao = new AccountDao(jdbi, reads);
        this.hasher = hasher;
        this.accountThrottle = accountThrottle;
        this.addressThrottle = addressThrottle;
        this.sessions = sessions;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
        this.defaultSignup = defaultSignup;
        this.deletionGrace = deletionGrace;
        this.passwordCache = new PasswordCache(clock, Duration.ofMinutes(5));
        this.standing = new AdminStanding(jdbi, dao);
    }

    /**
     * Creates an active account (admin CLI, first start, sign-up).
     *
     * @throws ServiceException {@code invalid-name}, {@code bad-request} or {@code already-exists}
     */
    public Account create(String name, String email, String password, boolean admin) {
        return insert(name, email, password, admin, null);
    }

    /**
     * Self-service sign-up, subject to the {@linkplain #signupMode() sign-up mode}.
     *
     * @throws ServiceException {@code signup-closed}, or as {@link #create}
     */
    public Account signUp(SignupRequest request) {
        SignupMode mode = signupMode();
        if (mode == SignupMode.CLOSED) {
            throw new ServiceException(ErrorCode.SIGNUP_CLOSED, "sign-up is closed on this server; ask its administrator "
                    + "for an account");
        }
        String invite = mode == SignupMode.INVITE ? requireInvite(request.invite()) : null;
        return insert(request.name(), request.email(), request.password(), false, invite);
    }

    private static String requireInvite(String invite) {
        if (invite == null || invite.isBlank()) {
            throw new ServiceException(ErrorCode.SIGNUP_CLOSED, "sign-up needs an invite code on this server; ask its "
                    + "administrator for one");
        }
        return invite.strip();
    }

    private Account insert(String name, String email, String password, boolean admin, String invite) {
        AccountNames.requireValidName(name);
        String mail = AccountNames.requireValidEmail(email);
        String hash = hasher.hash(AccountNames.requireValidPassword(password));
        Instant now = clock.instant();
        long id;
        try {
            id = jdbi.inTransaction(h -> {
                if (dao.nameOrEmailTaken(h, name, mail)) {
                    throw taken(name);
                }
                long newId = dao.insert(h, name, mail, hash, admin, now);
                if (invite != null && !dao.useInvite(h, Secrets.hash(invite), newId, now)) {
                    throw new ServiceException(ErrorCode.SIGNUP_CLOSED, "the invite code is unknown or already used");
                }
                return newId;
            });
        } catch (StatementException e) {
            throw taken(name); // a concurrent insert won the unique constraint
        }
        return require(id);
    }

    private static ServiceException taken(String name) {
        return ServiceException.conflict("an account named '" + name + "' or with that email already exists; "
                + "choose another name or log in");
    }

    public Optional<Account> find(String name) {
        return dao.byName(name);
    }

    /** @throws ServiceException {@code not-found} naming the account */
    public Account require(String name) {
        return dao.byName(name).orElseThrow(() -> ServiceException.notFound("no account named '" + name + "'"));
    }

    /** @throws ServiceException {@code not-found} */
    public Account require(long id) {
        return dao.byId(id).orElseThrow(() -> ServiceException.notFound("no account with id " + id));
    }

    /** All accounts, by name. */
    public List<Account> list() {
        return dao.all();
    }

    /**
     * Password login (web form, JSON login, HTTP Basic). Throttled per account, whichever of its logins (name or email)
     * is tried, and (with a higher limit, since many users may share one address behind a proxy) per client address. A
     * login that names no account is throttled by that login, so guessing at unknown names is slowed the same way.
     *
     * @throws ServiceException {@code too-many-requests}, {@code unauthenticated} (wrong name or password, without saying
     *                          which) or {@code account-suspended}
     */
    public Account login(String login, String password, String clientAddress) {
        String normalized = login == null ? "" : login.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<Account> found = login == null || password == null ? Optional.empty()
                : dao.byNameOrEmail(normalized);
        String accountKey = found.map(a -> "account:" + a.id()).orElse("login:" + normalized);
        String addressKey = "address:" + clientAddress;
        accountThrottle.check(accountKey);
        addressThrottle.check(addressKey);
        if (found.isEmpty() || !passwordMatches(found.get(), password)) {
            if (found.isEmpty() && password != null) {
                hasher.burn(password);
            }
            accountThrottle.failed(accountKey);
            addressThrottle.failed(addressKey);
            throw new ServiceException(ErrorCode.UNAUTHENTICATED, "wrong account name or password");
        }
        accountThrottle.succeeded(accountKey);
        return requireUsable(found.get());
    }

    /**
     * The administrator's reason for suspending the account that {@code login} (name or email) names, if any. Only
     * for showing after {@link #login} refused a correct password with {@code account-suspended}.
     */
    public Optional<String> suspensionReason(String login) {
        return login == null ? Optional.empty() : dao.byNameOrEmail(login.strip().toLowerCase(java.util.Locale.ROOT))
                .map(Account::suspendedReason);
    }

    private boolean passwordMatches(Account account, String password) {
        String stored = dao.passwordHash(account.id());
        if (passwordCache.contains(password, stored)) {
            return true;
        }
        boolean ok = hasher.verify(password, stored);
        if (ok) {
            passwordCache.add(password, stored);
        }
        return ok;
    }

    /**
     * Returns the account if it may act.
     *
     * @throws ServiceException {@code account-suspended}, or {@code unauthenticated} for accounts being deleted
     */
    public Account requireUsable(Account account) {
        return switch (account.status()) {
            case ACTIVE -> account;
            case SUSPENDED -> throw new ServiceException(ErrorCode.ACCOUNT_SUSPENDED, "account '" + account.name()
                    + "' is suspended" + (account.suspendedReason() == null ? "" : " (" + account.suspendedReason()
                    + ")") + "; contact the administrator");
            case DELETED -> throw new ServiceException(ErrorCode.UNAUTHENTICATED, "account '" + account.name()
                    + "' is being deleted");
        };
    }

    /**
     * Changes a password after checking the current one through the throttled login path (so a stolen session or token
     * cannot be used to guess it faster than a login form could); ends all sessions of the account.
     *
     * @throws ServiceException {@code too-many-requests} after repeated wrong guesses, {@code unauthenticated} if
     *                          {@code current} is wrong, {@code bad-request} for a weak new one
     */
    public void changePassword(long accountId, String current, String next, String clientAddress) {
        Account account = require(accountId);
        try {
            login(account.name(), current, clientAddress);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                throw new ServiceException(ErrorCode.UNAUTHENTICATED, "the current password is wrong");
            }
            throw e;
        }
        dao.setPasswordHash(accountId, hasher.hash(AccountNames.requireValidPassword(next)));
        sessions.endAll(account.id());
    }

    /**
     * The time zone the account reads its pages in (ADR 52), as the id it chose ({@code Europe/Berlin}); empty when it
     * chose none (pages then show UTC).
     */
    public Optional<String> timeZone(long accountId) {
        return dao.timeZone(accountId);
    }

    /**
     * Sets the account's time zone; {@code zoneId} must be a zone id the caller has checked (null: back to UTC).
     */
    public void setTimeZone(long accountId, String zoneId) {
        dao.setTimeZone(accountId, zoneId);
    }

    /** Sets a password without the current one (admin CLI). */
    public void resetPassword(String name, String password) {
        Account account = require(name);
        dao.setPasswordHash(account.id(), hasher.hash(AccountNames.requireValidPassword(password)));
        sessions.endAll(account.id());
    }

    /**
     * Suspends an account: it can no longer log in or use its tokens; its data stays.
     *
     * @param actingAccountId the administrator asking, or null for the operator's command line
     * @throws ServiceException {@code forbidden} for one's own account or the last active administrator (see
     *                          {@link AdminStanding}), {@code already-exists} (409) for an account being deleted
     */
    public Account suspend(String name, Long actingAccountId) {
        return suspend(name, actingAccountId, null);
    }

    /**
     * {@link #suspend(String, Long)} with the administrator's reason, which the account's owner is shown when a
     * sign-in or token is refused; blank is none.
     *
     * @throws ServiceException {@code bad-request} for a reason over 500 characters or with control characters
     */
    public Account suspend(String name, Long actingAccountId, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && (why.length() > 500 || why.chars().anyMatch(Character::isISOControl))) {
            throw ServiceException.badRequest("the reason must be one line of at most 500 characters");
        }
        Account account = require(name);
        if (actingAccountId != null && actingAccountId == account.id()) {
            throw ServiceException.forbidden("you cannot suspend your own account; ask another administrator");
        }
        if (account.status() == AccountStatus.DELETED) {
            throw ServiceException.conflict("account '" + name + "' is being deleted");
        }
        standing.change(account.id(), "suspended", h -> dao.setStatus(h, account.id(), AccountStatus.SUSPENDED,
                why));
        sessions.endAll(account.id());
        return require(account.id());
    }

    /** Lifts a suspension. */
    public Account unsuspend(String name) {
        Account account = require(name);
        if (account.status() == AccountStatus.DELETED) {
            throw ServiceException.conflict("account '" + name + "' is being deleted and cannot be reactivated");
        }
        jdbi.useHandle(h -> dao.setStatus(h, account.id(), AccountStatus.ACTIVE, null));
        return require(account.id());
    }

    /**
     * Requests deletion: the account stops working at once (tokens revoked, sessions ended) and a background job deletes
     * its data and the account once the deletion grace period has passed.
     *
     * @throws ServiceException {@code forbidden} for the last active administrator (see {@link AdminStanding})
     */
    public Account requestDeletion(long accountId) {
        Instant now = clock.instant();
        standing.change(accountId, "deleted", h -> dao.markDeleted(h, accountId, now, now.plus(deletionGrace)));
        tokens.revokeAll(accountId);
        sessions.endAll(accountId);
        return require(accountId);
    }

    /** Accounts whose deletion grace period is over. */
    public List<Account> dueForPurge() {
        return dao.dueForPurge(clock.instant());
    }

    /** Removes the account row and everything that references it; call after its stored data is gone. */
    public void forget(long accountId) {
        dao.delete(accountId);
    }

    /** Sets the account's quota override in bytes; null falls back to its plan's quota. */
    public Account setQuota(String name, Long quotaBytes) {
        if (quotaBytes != null && quotaBytes < 0) {
            throw ServiceException.badRequest("quota " + quotaBytes + " must be >= 0 bytes (or unlimited)");
        }
        Account account = require(name);
        dao.setQuota(account.id(), quotaBytes);
        return require(account.id());
    }

    /** Moves the account to an existing plan. */
    public Account setPlan(String name, String plan) {
        Account account = require(name);
        if (!dao.planExists(plan)) {
            throw ServiceException.notFound("no plan '" + plan + "'; create it with 'cairn server plan set " + plan
                    + " BYTES'");
        }
        if (!plan.equals(account.plan())) { // journaled in the same transaction, so billing pro-rates exactly
            long at = clock.millis();
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE accounts SET plan = :p WHERE id = :id").bind("p", plan).bind("id", account.id())
                        .execute();
                dev.cairn.server.quota.UsageJournal.recordPlan(h, account.id(), at, account.plan(), plan);
            });
        }
        return require(account.id());
    }

    /** Every plan by name, with its quota and how many accounts (not deleted) are on it. */
    public List<Plan> plans() {
        return dao.plans();
    }

    /** Creates or changes a plan; {@code quotaBytes} null is unlimited. */
    public void definePlan(String plan, Long quotaBytes) {
        if (plan == null || !plan.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw ServiceException.badRequest("plan name '" + plan + "' must be 1-64 characters a-z, 0-9 and '-'");
        }
        dao.upsertPlan(plan, quotaBytes);
    }

    /** The effective sign-up mode: the admin's setting if made, else the configured default. */
    public SignupMode signupMode() {
        return dao.setting(SIGNUP_SETTING).map(SignupMode::parse).orElse(defaultSignup);
    }

    public void setSignupMode(SignupMode mode) {
        dao.putSetting(SIGNUP_SETTING, mode.wireName());
    }

    /** Creates a single-use invite code; returns it (shown once, stored hashed). */
    public String createInvite() {
        String code = Secrets.newSecret(random, "inv_");
        dao.insertInvite(Secrets.hash(code), clock.instant());
        return code;
    }

    /**
     * On an empty database, creates the admin account {@code admin}. The password is {@code presetPassword} if given,
     * else generated; a generated one is returned (to be shown once) and never stored in clear.
     */
    public Optional<String> ensureFirstAdmin(String presetPassword, String email) {
        if (dao.count() > 0) {
            return Optional.empty();
        }
        boolean generate = presetPassword == null || presetPassword.isBlank();
        String password = generate ? Secrets.newSecret(random, "").substring(0, 24) : presetPassword;
        try {
            create("admin", email, password, true);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                return Optional.empty(); // another server process created it first
            }
            throw e;
        }
        return generate ? Optional.of(password) : Optional.empty();
    }
}
