package dev.cairn.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.auth.Secrets;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.Services;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** API tokens and web sessions on SQLite and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class CredentialsTest {
    private final Services s;
    private long ann;

    CredentialsTest(Dialect dialect) {
        this.s = new Services(dialect);
    }

    @BeforeEach
    void account() {
        ann = s.accounts.create("ann", "ann@example.com", "long enough password", false).id();
    }

    @AfterEach
    void close() {
        s.close();
    }

    private static ErrorCode code(Throwable t) {
        return ((ServiceException) t).code();
    }

    @Test
    void tokenIsShownOnceAndStoredOnlyAsItsHash() {
        var created = s.tokens.create(ann, "laptop", TokenScope.APPEND, null);
        assertThat(created.token()).startsWith("cairn_").hasSizeGreaterThan(40);
        String stored = s.db.jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM api_tokens")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo(Secrets.hash(created.token())).doesNotContain(created.token());
        var grant = s.tokens.authenticate(created.token());
        assertThat(grant.accountId()).isEqualTo(ann);
        assertThat(grant.scope()).isEqualTo(TokenScope.APPEND);
        assertThat(s.tokens.list(ann)).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("laptop");
            assertThat(t.lastUsedAt()).isEqualTo(s.clock.instant());
        });
    }

    @Test
    void revokedAndExpiredTokensAreRefusedWithTheirOwnCodes() {
        var revoked = s.tokens.create(ann, "old", TokenScope.FULL, null);
        s.tokens.revoke(ann, revoked.id());
        assertThatThrownBy(() -> s.tokens.authenticate(revoked.token()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.TOKEN_REVOKED));
        var expiring = s.tokens.create(ann, "short", TokenScope.READ, s.clock.instant().plus(Duration.ofHours(1)));
        assertThat(s.tokens.authenticate(expiring.token()).scope()).isEqualTo(TokenScope.READ);
        s.clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> s.tokens.authenticate(expiring.token()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.TOKEN_EXPIRED));
        assertThatThrownBy(() -> s.tokens.authenticate("cairn_unknown"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void anotherAccountCannotRevokeYourToken() {
        long bob = s.accounts.create("bob", "bob@example.com", "long enough password", false).id();
        var token = s.tokens.create(ann, "laptop", TokenScope.FULL, null);
        assertThatThrownBy(() -> s.tokens.revoke(bob, token.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(s.tokens.authenticate(token.token()).accountId()).isEqualTo(ann);
    }

    @Test
    void invalidTokenRequestsAreRefused() {
        assertThatThrownBy(() -> s.tokens.create(ann, " ", TokenScope.FULL, null))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> s.tokens.create(ann, "past", TokenScope.FULL, s.clock.instant().minusSeconds(1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void sessionsCarryACsrfTokenAndExpire() {
        var started = s.sessions.start(ann);
        var found = s.sessions.find(started.cookieValue()).orElseThrow();
        assertThat(found.accountId()).isEqualTo(ann);
        assertThat(found.csrfToken()).isNotBlank().isNotEqualTo(started.cookieValue());
        assertThat(s.sessions.find("s_forged")).isEmpty();
        s.clock.advance(Duration.ofHours(2));
        assertThat(s.sessions.find(started.cookieValue())).isEmpty();
        assertThat(s.sessions.purgeExpired()).isEqualTo(1);
    }

    @Test
    void logoutEndsOnlyThatSession() {
        var first = s.sessions.start(ann);
        var second = s.sessions.start(ann);
        s.sessions.end(first.cookieValue());
        assertThat(s.sessions.find(first.cookieValue())).isEmpty();
        assertThat(s.sessions.find(second.cookieValue())).isPresent();
    }

}
