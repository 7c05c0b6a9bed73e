package dev.cairn.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.SignupRequest;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.Services;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.error.ThrottledException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Account life cycle on SQLite and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class AccountServiceTest {
    private final Services s;

    AccountServiceTest(Dialect dialect) {
        this.s = new Services(dialect);
    }

    @AfterEach
    void close() {
        s.close();
    }

    private static ErrorCode code(Throwable t) {
        return ((ServiceException) t).code();
    }

    @Test
    void createdAccountIsActiveWithItsNormalisedEmail() {
        Account a = s.accounts.create("ann", " Ann@Example.COM ", "long enough password", false);
        assertThat(a.name()).isEqualTo("ann");
        assertThat(a.email()).isEqualTo("ann@example.com");
        assertThat(a.isActive()).isTrue();
        assertThat(a.quotaBytes()).isNull();
    }

    @Test
    void namesAndEmailsAreUnique() {
        s.accounts.create("ann", "ann@example.com", "long enough password", false);
        assertThatThrownBy(() -> s.accounts.create("ann", "other@example.com", "long enough password", false))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThatThrownBy(() -> s.accounts.create("ann2", "ANN@example.com", "long enough password", false))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void invalidNamesEmailsAndPasswordsAreRefused() {
        for (String name : new String[] {"A", "Ann", "-ann", "ann_x", "a/b", "..", "api", "login", "x".repeat(33)}) {
            assertThatThrownBy(() -> s.accounts.create(name, "a@example.com", "long enough password", false))
                    .as(name).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_NAME));
        }
        assertThatThrownBy(() -> s.accounts.create("ann", "not-an-email", "long enough password", false))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> s.accounts.create("ann", "a@example.com", "short", false))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void loginByNameOrEmailWithTheRightPasswordOnly() {
        s.accounts.create("ann", "ann@example.com", "long enough password", false);
        assertThat(s.accounts.login("ann", "long enough password", "10.0.0.1").name()).isEqualTo("ann");
        assertThat(s.accounts.login("ann@example.com", "long enough password", "10.0.0.1").name()).isEqualTo("ann");
        assertThatThrownBy(() -> s.accounts.login("ann", "wrong password!", "10.0.0.1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> s.accounts.login("nobody", "whatever password", "10.0.0.1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void failedLoginsAreThrottledPerAccountUntilTheWindowPasses() {
        s.accounts.create("ann", "ann@example.com", "long enough password", false);
        for (int i = 0; i < 5; i++) {
            String ip = "10.0.0." + i;
            assertThatThrownBy(() -> s.accounts.login("ann", "wrong password!", ip)).isNotInstanceOf(ThrottledException.class);
        }
        assertThatThrownBy(() -> s.accounts.login("ann", "long enough password", "10.9.9.9"))
                .isInstanceOf(ThrottledException.class);
        s.clock.advance(Duration.ofMinutes(6));
        assertThat(s.accounts.login("ann", "long enough password", "10.9.9.9").name()).isEqualTo("ann");
    }

    @Test
    void failedLoginsAreThrottledPerAddressAcrossAccounts() {
        for (int i = 0; i < 20; i++) {
            String name = "guess" + i;
            assertThatThrownBy(() -> s.accounts.login(name, "wrong password!", "10.6.6.6"))
                    .isNotInstanceOf(ThrottledException.class);
        }
        assertThatThrownBy(() -> s.accounts.login("other", "wrong password!", "10.6.6.6"))
                .isInstanceOf(ThrottledException.class);
    }

    @Test
    void suspendedAccountsCannotLogInUntilUnsuspended() {
        s.accounts.create("ann", "ann@example.com", "long enough password", false);
        s.accounts.suspend("ann", null);
        assertThatThrownBy(() -> s.accounts.login("ann", "long enough password", "10.0.0.1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED));
        s.accounts.unsuspend("ann");
        assertThat(s.accounts.login("ann", "long enough password", "10.0.0.1").isActive()).isTrue();
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndEndsSessions() {
        Account a = s.accounts.create("ann", "ann@example.com", "long enough password", false);
        var session = s.sessions.start(a.id());
        assertThatThrownBy(() -> s.accounts.changePassword(a.id(), "wrong password!", "new long password", "10.0.0.1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNAUTHENTICATED));
        s.accounts.changePassword(a.id(), "long enough password", "new long password", "10.0.0.1");
        assertThat(s.sessions.find(session.cookieValue())).isEmpty();
        assertThat(s.accounts.login("ann", "new long password", "10.0.0.1").name()).isEqualTo("ann");
    }

    @Test
    void guessingTheCurrentPasswordThroughAPasswordChangeIsThrottledLikeALogin() {
        Account a = s.accounts.create("ann", "ann@example.com", "long enough password", false);
        for (int i = 0; i < 20; i++) {
            try {
                s.accounts.changePassword(a.id(), "guess number " + i, "new long password", "10.0.0.9");
            } catch (ServiceException e) {
                if (e.code() == ErrorCode.TOO_MANY_REQUESTS) {
                    assertThat(i).as("throttled after a few guesses").isLessThanOrEqualTo(10);
                    assertThatThrownBy(() -> s.accounts.changePassword(a.id(), "long enough password",
                            "new long password", "10.0.0.9"))
                            .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
                    return;
                }
                assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            }
        }
        org.assertj.core.api.Assertions.fail("20 wrong guesses were never throttled");
    }

    @Test
    void deletionStopsTheAccountAtOnceAndPurgesAfterTheGracePeriod() {
        Account a = s.accounts.create("ann", "ann@example.com", "long enough password", false);
        var token = s.tokens.create(a.id(), "agent", TokenScope.APPEND, null);
        s.accounts.requestDeletion(a.id());
        assertThatThrownBy(() -> s.tokens.authenticate(token.token()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.TOKEN_REVOKED));
        assertThatThrownBy(() -> s.accounts.login("ann", "long enough password", "10.0.0.1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(s.accounts.dueForPurge()).isEmpty();
        s.clock.advance(Duration.ofDays(8));
        assertThat(s.accounts.dueForPurge()).extracting(Account::name).containsExactly("ann");
        assertThat(s.tokens.list(a.id())).as("the revoked token is still listed until the purge").isNotEmpty();
        s.accounts.forget(a.id());
        assertThat(s.accounts.find("ann")).isEmpty();
        assertThat(s.tokens.list(a.id())).isEmpty();
    }

    @Test
    void signupFollowsTheModeAndInvitesAreSingleUse() {
        var request = new SignupRequest("ann", "ann@example.com", "long enough password", null);
        s.accounts.setSignupMode(SignupMode.CLOSED);
        assertThatThrownBy(() -> s.accounts.signUp(request))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SIGNUP_CLOSED));
        s.accounts.setSignupMode(SignupMode.INVITE);
        assertThatThrownBy(() -> s.accounts.signUp(request))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SIGNUP_CLOSED));
        String invite = s.accounts.createInvite();
        assertThat(s.accounts.signUp(new SignupRequest("ann", "ann@example.com", "long enough password", invite))
                .name()).isEqualTo("ann");
        assertThatThrownBy(() -> s.accounts.signUp(new SignupRequest("bob", "bob@example.com", "long enough password",
                invite))).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SIGNUP_CLOSED));
        assertThat(s.accounts.find("bob")).isEmpty();
        s.accounts.setSignupMode(SignupMode.OPEN);
        assertThat(s.accounts.signUp(new SignupRequest("bob", "bob@example.com", "long enough password", null))
                .admin()).isFalse();
    }

    @Test
    void quotaComesFromThePlanUnlessOverridden() {
        s.accounts.create("ann", "ann@example.com", "long enough password", false);
        s.accounts.definePlan("small", 1000L);
        assertThat(s.accounts.setPlan("ann", "small").quotaBytes()).isEqualTo(1000L);
        assertThat(s.accounts.setQuota("ann", 5000L).quotaBytes()).isEqualTo(5000L);
        assertThat(s.accounts.setQuota("ann", null).quotaBytes()).isEqualTo(1000L);
        assertThatThrownBy(() -> s.accounts.setPlan("ann", "nope"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void firstAdminIsCreatedOnceWithAGeneratedPasswordShownOnce() {
        var generated = s.accounts.ensureFirstAdmin(null, "admin@example.com");
        assertThat(generated).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
        assertThat(s.accounts.login("admin", generated.orElseThrow(), "127.0.0.1").admin()).isTrue();
        assertThat(s.accounts.ensureFirstAdmin(null, "admin@example.com")).isEmpty();
    }


    @Test
    void theLastActiveAdministratorStaysEvenWhenTwoSuspendEachOtherAtOnce() throws Exception {
        Account first = s.accounts.create("root-a", "root-a@example.com", "long enough password", true);
        Account second = s.accounts.create("root-b", "root-b@example.com", "long enough password", true);
        assertThat(s.accounts.list()).filteredOn(Account::admin).hasSize(2);
        for (int round = 0; round < 5; round++) {
            var barrier = new java.util.concurrent.CyclicBarrier(2);
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var a = pool.submit(() -> {
                    barrier.await();
                    return s.accounts.suspend("root-b", first.id());
                });
                var b = pool.submit(() -> {
                    barrier.await();
                    return s.accounts.suspend("root-a", second.id());
                });
                int succeeded = 0;
                for (var f : java.util.List.of(a, b)) {
                    try {
                        f.get();
                        succeeded++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).hasMessageContaining("only active administrator");
                    }
                }
                assertThat(succeeded).as("round " + round).isEqualTo(1);
            }
            assertThat(s.accounts.list()).filteredOn(x -> x.admin() && x.isActive()).hasSize(1);
            s.accounts.unsuspend("root-a");
            s.accounts.unsuspend("root-b");
        }
        assertThatThrownBy(() -> s.accounts.suspend("root-a", first.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN)).hasMessageContaining("your own");
    }
}
