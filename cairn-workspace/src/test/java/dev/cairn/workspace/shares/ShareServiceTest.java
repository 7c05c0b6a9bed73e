package dev.cairn.workspace.shares;

import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.auth.LoginThrottle;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.db.Database;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.RecordsServices;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Share links over a real database of each dialect: tokens stored as hashes, the restriction to one referenced row,
 * passphrases with throttling and unlock expiry, expiry, revocation, deleted reports, the access log, and other
 * workspaces kept out.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class ShareServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Visit BROWSER = new Visit("203.0.113.7", "Mozilla/5.0 (X11)\n" + "x".repeat(400), "html");
    final Database db;
    final MutableClock clock = MutableClock.create();
    final RecordsServices ws;
    final ShareService shares;
    final Caller ann;
    final Caller bob;
    long acme;
    long beta;
    long report;

    ShareServiceTest(Dialect dialect) {
        this.db = TestDatabases.open(dialect, java.util.List.of(dev.cairn.workspace.WorkspaceFeature.MIGRATIONS));
        Random random = new Random(11);
        this.ws = RecordsServices.create(db, clock, random::nextBytes,
                new SpoolDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))); // no imports here
        this.shares = new ShareService(db.jdbi(), ws.reports(), ws.workspaces(),
                new PasswordHasher(PasswordHasher.TEST, random::nextBytes, 2),
                new LoginThrottle(clock, 5, Duration.ofMinutes(5)), clock, random::nextBytes);
        this.ann = caller("ann");
        this.bob = caller("bob");
    }

    private Caller caller(String name) {
        long id = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (name, email, password_hash, "
                + "status, plan, created_at) VALUES (:n, :e, 'x', 'active', 'default', 0) RETURNING id")
                .bind("n", name).bind("e", name + "@example.com").mapTo(Long.class).one());
        return ws.workspaces().resolve(id, name, null, false);
    }

    @BeforeEach
    void data() throws Exception {
        ws.tables().create(ann, new TableSpec("customers", null, List.of(ColumnSpec.of("name", TEXT))));
        ws.tables().create(ann, new TableSpec("orders", null, List.of(
                ColumnSpec.of("customer", REFERENCE).referencing("customers"), ColumnSpec.of("item", TEXT),
                ColumnSpec.of("total", MONEY))));
        acme = id(new JsonRecords(ws.records()).create(ann, "customers", json("{\"name\": \"Acme\"}")));
        beta = id(new JsonRecords(ws.records()).create(ann, "customers", json("{\"name\": \"Beta\"}")));
        order(acme, "anvil", "10.00");
        order(acme, "<script>alert(1)</script>", "20.50");
        order(beta, "rope", "7.25");
        report = ws.reports().create(ann, new ReportSpec(null, "Orders", "orders", List.of("customer.name", "item",
                "total"), null, null, null, null, null)).id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static long id(Map<String, Object> record) {
        return ((Number) record.get("id")).longValue();
    }

    void order(long customer, String item, String amount) throws Exception {
        new JsonRecords(ws.records()).create(ann, "orders", json("{\"customer\": " + customer + ", \"item\": \"" + item
                + "\", \"total\": {\"amount\": \"" + amount + "\", \"currency\": \"EUR\"}}"));
    }

    ShareService.Created share(String passphrase, Share.FixedTo fixedTo) {
        return shares.create(ann, new ShareRequest(report, null, passphrase, fixedTo));
    }

    static List<List<Object>> rows(ShareView view) {
        assertThat(view).isInstanceOf(ShareView.Open.class);
        return JsonRecords.wireRows(((ShareView.Open) view).result().rows());
    }

    @Test
    void theTokenIsRandomLongAndStoredOnlyAsItsHash() {
        var created = share(null, null);
        assertThat(created.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(share(null, null).token()).isNotEqualTo(created.token());
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM ws_shares WHERE id = :i")
                .bind("i", created.share().id()).mapTo(String.class).one());
        assertThat(stored).hasSize(64).doesNotContain(created.token());
        assertThat(created.share()).satisfies(s -> {
            assertThat(s.report()).isEqualTo("Orders");
            assertThat(s.status()).isEqualTo("active");
            assertThat(s.createdBy()).isEqualTo("ann");
            assertThat(s.createdAt()).isEqualTo(clock.instant());
            assertThat(s.passphrase()).isFalse();
            assertThat(s.accessCount()).isZero();
        });
    }

    @Test
    void anOpenLinkShowsTheLiveReportAndLogsEveryAccess() throws Exception {
        var created = share(null, null);
        ShareView view = shares.open(created.token(), null, BROWSER);
        assertThat(((ShareView.Open) view).workspace()).isEqualTo("ann");
        assertThat(rows(view)).hasSize(3).contains(List.of("Acme", "<script>alert(1)</script>",
                Map.of("amount", "20.50", "currency", "EUR")));
        order(beta, "hook", "1.00"); // computed when asked, not when shared
        clock.advance(Duration.ofMinutes(1));
        assertThat(rows(shares.open(created.token(), null, new Visit("::1", "curl/8", "csv")))).hasSize(4);

        List<ShareAccess> log = shares.accesses(ann, created.share().id());
        assertThat(log).extracting(ShareAccess::outcome).containsExactly(ShareOutcome.SHOWN, ShareOutcome.SHOWN);
        assertThat(log.getFirst()).isEqualTo(new ShareAccess(clock.instant(), ShareOutcome.SHOWN, "csv", "::1",
                "curl/8"));
        assertThat(log.get(1).userAgent()).hasSize(Visit.USER_AGENT_CHARS).startsWith("Mozilla/5.0 (X11) x")
                .doesNotContain("\n");
        Share listed = shares.list(ann).getFirst();
        assertThat(listed.accessCount()).isEqualTo(2);
        assertThat(listed.lastAccessAt()).isEqualTo(clock.instant());
    }

    @Test
    void aLinkFixedToOneRowShowsOnlyThatRowsRecordsWhateverTheUrlSays() {
        var created = share(null, new Share.FixedTo("customer", acme));
        assertThat(rows(shares.open(created.token(), null, BROWSER))).extracting(r -> r.getFirst())
                .containsOnly("Acme").hasSize(2);
        assertThat(created.share().fixedTo()).isEqualTo(new Share.FixedTo("customer", acme));
        // renaming the column carries over; removing it is refused while the link is live
        ws.tables().patch(ann, "orders", new TablePatch(null, null, List.of(new TablePatch.Rename("customer",
                "client")), null, null, null));
        ws.reports().update(ann, report, new ReportSpec(null, "Orders", "orders", List.of("item"), null, null,
                null, null, null));
        assertThat(rows(shares.open(created.token(), null, BROWSER))).containsExactlyInAnyOrder(
                List.of("anvil"), List.of("<script>alert(1)</script>"));
        assertThat(shares.get(ann, created.share().id()).fixedTo().column()).isEqualTo("client");
        assertThatThrownBy(() -> ws.tables().patch(ann, "orders", new TablePatch(null, null, null,
                List.of("client"), null, null))).isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                    assertThat(e.getMessage()).contains("share link " + created.share().id());
                });
    }

    @Test
    void aFixedRowMustBeAReferenceColumnAndAnExistingRecord() {
        assertThatThrownBy(() -> share(null, new Share.FixedTo("item", acme)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("fixedTo.column"));
        assertThatThrownBy(() -> share(null, new Share.FixedTo("customer", 999L)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("fixedTo.record"));
        assertThatThrownBy(() -> share("short", null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("passphrase"));
        assertThatThrownBy(() -> shares.create(ann, new ShareRequest(report, clock.instant(), null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("expiresAt"));
        assertThat(shares.list(ann)).isEmpty();
    }

    @Test
    void aPassphraseLocksTheLinkUntilGivenAndTheUnlockExpires() {
        var created = share("correct horse", null);
        assertThat(created.share().passphrase()).isTrue();
        assertThat(shares.open(created.token(), null, BROWSER)).isInstanceOf(ShareView.Locked.class);
        assertThat(shares.unlock(created.token(), "wrong horse", BROWSER)).isInstanceOf(Unlock.Wrong.class);
        var unlocked = (Unlock.Unlocked) shares.unlock(created.token(), "correct horse", BROWSER);
        assertThat(unlocked.expiresAt()).isEqualTo(clock.instant().plus(ShareService.UNLOCK_VALIDITY));
        assertThat(rows(shares.open(created.token(), unlocked.secret(), BROWSER))).hasSize(3);
        var other = share("another phrase", null);
        assertThat(shares.open(other.token(), unlocked.secret(), BROWSER)).isInstanceOf(ShareView.Locked.class);
        clock.advance(ShareService.UNLOCK_VALIDITY);
        assertThat(shares.open(created.token(), unlocked.secret(), BROWSER)).isInstanceOf(ShareView.Locked.class);
        assertThat(shares.accesses(ann, created.share().id())).extracting(ShareAccess::outcome).containsExactly(
                ShareOutcome.PASSPHRASE_REQUIRED, ShareOutcome.SHOWN, ShareOutcome.UNLOCKED,
                ShareOutcome.WRONG_PASSPHRASE, ShareOutcome.PASSPHRASE_REQUIRED);
    }

    @Test
    void guessingIsThrottledPerLinkEvenForTheRightPassphrase() {
        var created = share("correct horse", null);
        for (int i = 0; i < 5; i++) {
            assertThat(shares.unlock(created.token(), "guess " + i, BROWSER)).isInstanceOf(Unlock.Wrong.class);
        }
        assertThat(shares.unlock(created.token(), "correct horse", BROWSER))
                .isInstanceOfSatisfying(Unlock.Throttled.class, t -> assertThat(t.retryAfter())
                        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(shares.unlock(created.token(), "correct horse", BROWSER)).isInstanceOf(Unlock.Unlocked.class);
        assertThat(shares.accesses(ann, created.share().id()).get(1).outcome()).isEqualTo(ShareOutcome.THROTTLED);
    }

    @Test
    void expiredRevokedAndDeletedLinksAreGoneAndSaySo() {
        var expiring = shares.create(ann, new ShareRequest(report, clock.instant().plusSeconds(60), null, null));
        var revoked = share("correct horse", null);
        var unlocked = (Unlock.Unlocked) shares.unlock(revoked.token(), "correct horse", BROWSER);
        assertThat(shares.open(expiring.token(), null, BROWSER)).isInstanceOf(ShareView.Open.class);
        clock.advance(Duration.ofSeconds(60));
        assertThat(shares.open(expiring.token(), null, BROWSER)).isEqualTo(new ShareView.Gone(ShareOutcome.EXPIRED));
        assertThat(shares.revoke(ann, revoked.share().id()).revokedBy()).isEqualTo("ann");
        assertThat(shares.open(revoked.token(), unlocked.secret(), BROWSER))
                .isEqualTo(new ShareView.Gone(ShareOutcome.REVOKED));
        assertThat(shares.unlock(revoked.token(), "correct horse", BROWSER))
                .isEqualTo(new Unlock.Gone(ShareOutcome.REVOKED));
        assertThat(shares.list(ann)).extracting(Share::status).containsExactly("revoked", "expired");

        var orphan = share(null, null);
        ws.reports().delete(ann, report);
        assertThat(shares.open(orphan.token(), null, BROWSER))
                .isEqualTo(new ShareView.Gone(ShareOutcome.REPORT_DELETED));
        Share listed = shares.get(ann, orphan.share().id());
        assertThat(listed.status()).isEqualTo("report-deleted");
        assertThat(listed.report()).isEqualTo("Orders");
        assertThat(listed.reportId()).isNull();
        assertThat(shares.open("A".repeat(43), null, BROWSER)).isInstanceOf(ShareView.Unknown.class);
        assertThat(shares.open("../../etc", null, BROWSER)).isInstanceOf(ShareView.Unknown.class);
    }

    @Test
    void anotherWorkspaceCanNeitherSeeNorRevokeNorShareTheReports() {
        var created = share(null, null);
        long id = created.share().id();
        assertThat(shares.list(bob)).isEmpty();
        for (Runnable attempt : List.<Runnable>of(() -> shares.get(bob, id), () -> shares.revoke(bob, id),
                () -> shares.accesses(bob, id))) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThatThrownBy(() -> shares.create(bob, new ShareRequest(report, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("report"));
        assertThat(shares.open(created.token(), null, BROWSER)).isInstanceOf(ShareView.Open.class);
    }

    @Test
    void aLinkStopsWorkingWhenItsColumnIsGoneAndFailsClosed() {
        var created = share(null, new Share.FixedTo("customer", acme));
        // the report is pointed at another table: the restricting column no longer belongs to it
        ws.reports().update(ann, report, new ReportSpec(null, "Orders", "customers", null, List.of(
                new ReportSpec.Filter("name", "contains", TextNode.valueOf("a"), null)), null, null, null, null));
        assertThat(shares.open(created.token(), null, BROWSER))
                .isEqualTo(new ShareView.Gone(ShareOutcome.UNAVAILABLE));
        assertThat(shares.accesses(ann, created.share().id()).getFirst().outcome())
                .isEqualTo(ShareOutcome.UNAVAILABLE);
    }

    @Test
    void purgingTheAccountRemovesItsLinksLogsAndUnlocks() {
        var created = share("correct horse", null);
        shares.unlock(created.token(), "correct horse", BROWSER);
        List<String> tables = List.of("ws_shares", "ws_share_accesses", "ws_share_unlocks");
        for (String table : tables) {
            assertThat(rows(table)).as("%s before the purge", table).isPositive();
        }
        ws.workspaces().purge(ann.accountId());
        for (String table : tables) {
            assertThat(rows(table)).as(table).isZero();
        }
        assertThat(shares.open(created.token(), null, BROWSER)).isInstanceOf(ShareView.Unknown.class);
    }

    private long rows(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    @Test
    void theAccessLogKeepsTheNewestEntries() {
        var created = share(null, null);
        ShareStore store = new ShareStore(db.jdbi(), 20);
        Instant start = clock.instant();
        for (int i = 1; i <= 25; i++) {
            store.log(created.share().id(), ShareOutcome.SHOWN, BROWSER, start.plusSeconds(i).toEpochMilli());
        }
        List<ShareAccess> log = store.accesses(created.share().id());
        assertThat(log).hasSize(20);
        assertThat(log.getFirst().at()).isEqualTo(start.plusSeconds(25));
        assertThat(log.getLast().at()).isEqualTo(start.plusSeconds(6));
        // trimmed every 2nd access to the newest 20 (5-24), then 25 came: at most 20 + 20/10 are ever stored
        assertThat(shares.accesses(ann, created.share().id())).hasSize(21);
        assertThat(shares.get(ann, created.share().id()).accessCount()).isEqualTo(25);
    }
}
