package dev.cairn.workspace.records;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.DATETIME;
import static dev.cairn.workspace.model.ColumnType.DECIMAL;
import static dev.cairn.workspace.model.ColumnType.EMAIL;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.LONG_TEXT;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Records CRUD, validation, optimistic concurrency, history and restore, on SQLite and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class RecordServiceTest {
    final WorkspaceFixture f;
    final JsonRecords records;

    RecordServiceTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.records = f.records();
    }

    @BeforeEach
    void tables() {
        f.ws.tables().create(f.ann, new TableSpec("customers", "Customers", List.of(
                ColumnSpec.of("name", TEXT).asRequired(),
                ColumnSpec.of("email", EMAIL).asUnique(),
                ColumnSpec.of("vip", BOOLEAN).withDefault(new Value.Bool(false)),
                ColumnSpec.of("credit", MONEY).inCurrency("EUR"),
                ColumnSpec.of("since", DATE))));
        f.ws.tables().create(f.ann, new TableSpec("orders", null, List.of(
                ColumnSpec.of("customer", REFERENCE).referencing("customers").asRequired(),
                ColumnSpec.of("total", DECIMAL).asRequired(),
                ColumnSpec.of("status", CHOICE).withChoices("open", "paid").withDefault(new Value.Text("open")),
                ColumnSpec.of("placed", DATETIME),
                ColumnSpec.of("quantity", INTEGER),
                ColumnSpec.of("note", LONG_TEXT))));
    }

    @AfterEach
    void close() {
        f.close();
    }

    Map<String, Object> customer(String name, String email) {
        return records.create(f.ann, "customers", json("{'name': '" + name + "', 'email': '" + email + "'}"));
    }

    long count(String table) {
        return records.list(f.ann, table, JsonRecords.query(List.of(), null, null, 1000, 0)).records().size();
    }

    @Test
    void createReadUpdateDeleteRoundTrip() {
        var ann = records.create(f.ann, "customers", json("{'name': 'Ann <b>Ltd</b>', 'email': 'ann@example.com', "
                + "'credit': 12.5, 'since': '2024-02-29'}"));
        assertThat(ann).containsEntry("id", ann.get("id")).containsEntry("version", 1L)
                .containsEntry("name", "Ann <b>Ltd</b>").containsEntry("vip", false)
                .containsEntry("credit", Map.of("amount", "12.50", "currency", "EUR"))
                .containsEntry("since", "2024-02-29");
        long id = (Long) ann.get("id");
        var order = records.create(f.ann, "orders", json("{'customer': " + id + ", 'total': 19.99, "
                + "'placed': '2026-11-23T10:00:00+01:00', 'quantity': 3}"));
        assertThat(order).containsEntry("status", "open").containsEntry("placed", "2026-11-23T09:00:00Z")
                .containsEntry("total", new java.math.BigDecimal("19.99")).containsEntry("quantity", 3L);
        var updated = records.update(f.ann, "customers", id, 1L, json("{'vip': true, 'credit': "
                + "{'amount': '100', 'currency': 'eur'}}"));
        assertThat(updated).containsEntry("version", 2L).containsEntry("vip", true)
                .containsEntry("credit", Map.of("amount", "100.00", "currency", "EUR"));
        assertThat(records.get(f.ann, "customers", id)).isEqualTo(updated);
        records.delete(f.ann, "orders", (Long) order.get("id"), null);
        records.delete(f.ann, "customers", id, 2L);
        assertThatThrownBy(() -> records.get(f.ann, "customers", id)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void wrongTypesAreReportedPerFieldAndNothingIsStored() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        assertThatThrownBy(() -> records.create(f.ann, "orders", json("{'customer': 'x', 'total': 'abc', "
                + "'status': 'closed', 'placed': 'yesterday', 'quantity': 1.5, 'colour': 'red'}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("customer",
                            "total", "status", "placed", "quantity", "colour");
                    assertThat(e.errors()).filteredOn(x -> x.field().equals("status")).singleElement()
                            .extracting(FieldError::message).asString().contains("not one of [open, paid]");
                });
        assertThatThrownBy(() -> records.create(f.ann, "customers", json("{'name': 5, 'email': 'nope', "
                + "'credit': {'amount': 1, 'currency': 'USD'}, 'vip': 'yes'}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("name", "email",
                                "credit.currency", "vip"));
        assertThatThrownBy(() -> records.create(f.ann, "orders", json("{'customer': " + c + ", 'total': 1.234}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst().message())
                        .contains("more than 2 digits"));
        assertThat(count("orders")).isZero();
        assertThat(count("customers")).isEqualTo(1);
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThatThrownBy(() -> records.create(f.ann, "orders", json("{}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactlyInAnyOrder(new FieldError("customer", "is required"),
                                new FieldError("total", "is required")));
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        assertThatThrownBy(() -> records.update(f.ann, "customers", c, 1L, json("{'name': null}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("name", "is required")));
        assertThat(records.get(f.ann, "customers", c)).containsEntry("name", "Ann").containsEntry("version", 1L);
    }

    @Test
    void duplicateUniqueValuesAreRefusedWithTheField() {
        var first = customer("Ann", "ann@example.com");
        assertThatThrownBy(() -> customer("Other Ann", "ann@example.com"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.errors()).singleElement().satisfies(x -> {
                        assertThat(x.field()).isEqualTo("email");
                        assertThat(x.message()).contains("already used by Ann (record " + first.get("id") + ")");
                    });
                });
        var bob = customer("Bob", "bob@example.com");
        assertThatThrownBy(() -> records.update(f.ann, "customers", (Long) bob.get("id"), 1L,
                json("{'email': 'ann@example.com'}"))).isInstanceOf(ValidationException.class);
        assertThat(records.get(f.ann, "customers", (Long) bob.get("id"))).containsEntry("email", "bob@example.com");
        assertThat(count("customers")).isEqualTo(2);
    }

    @Test
    void referencesToMissingOrDeletedRecordsAreRefused() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        records.delete(f.ann, "customers", c, null);
        assertThatThrownBy(() -> records.create(f.ann, "orders", json("{'customer': " + c + ", 'total': 1}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(x -> {
                            assertThat(x.field()).isEqualTo("customer");
                            assertThat(x.message()).contains("record " + c + " of table 'customers' was deleted");
                        }));
        assertThatThrownBy(() -> records.create(f.ann, "orders", json("{'customer': 999, 'total': 1}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst()
                        .message()).isEqualTo("table 'customers' has no record 999"));
        assertThat(count("orders")).isZero();
    }

    @Test
    void aReferencedRecordCannotBeDeleted() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        records.create(f.ann, "orders", json("{'customer': " + c + ", 'total': 1}"));
        assertThatThrownBy(() -> records.delete(f.ann, "customers", c, null))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                    assertThat(e.getMessage()).contains("referenced by orders");
                });
        assertThat(records.get(f.ann, "customers", c)).containsEntry("name", "Ann");
    }

    @Test
    void staleUpdatesAreRefusedWithTheCurrentRecord() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        records.update(f.ann, "customers", c, 1L, json("{'name': 'Ann B'}"));
        assertThatThrownBy(() -> records.update(f.ann, "customers", c, 1L, json("{'name': 'Ann C'}")))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
                    assertThat(e.current().wireForm()).containsEntry("name", "Ann B").containsEntry("version", 2L);
                });
        assertThatThrownBy(() -> records.update(f.ann, "customers", c, null, json("{'name': 'Ann C'}")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.VERSION_REQUIRED));
        assertThatThrownBy(() -> records.delete(f.ann, "customers", c, 1L))
                .isInstanceOf(VersionConflictException.class);
        assertThat(records.get(f.ann, "customers", c)).containsEntry("name", "Ann B");
        assertThat(records.update(f.ann, "customers", c, null, json("{'name': 'Ann C', 'version': 2}")))
                .containsEntry("version", 3L);
    }

    @Test
    void racingUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        List<Future<Boolean>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 12; i++) {
                String name = "Ann " + i;
                results.add(pool.submit(() -> {
                    try {
                        records.update(f.ann, "customers", c, 1L, json("{'name': '" + name + "'}"));
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                }));
            }
        }
        long wins = 0;
        for (var r : results) {
            wins += r.get() ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
        assertThat(records.get(f.ann, "customers", c)).containsEntry("version", 2L);
        assertThat(records.history(f.ann, "customers", c)).hasSize(2);
    }

    @Test
    void historyKeepsWhoWhenOldAndNewValues() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        f.clock.advance(Duration.ofMinutes(5));
        records.update(f.ann, "customers", c, 1L, json("{'name': 'Ann B', 'vip': true}"));
        records.delete(f.ann, "customers", c, null);
        List<Change> history = records.history(f.ann, "customers", c);
        assertThat(history).extracting(Change::op).containsExactly("insert", "update", "delete");
        assertThat(history).extracting(Change::actor).containsOnly("ann");
        assertThat(history.get(1).at()).isEqualTo(f.clock.instant());
        assertThat(history.get(1).old()).containsOnlyKeys("name", "vip");
        assertThat(history.get(1).old().get("name").wire()).isEqualTo("Ann");
        assertThat(history.get(1).newValues().get("name").wire()).isEqualTo("Ann B");
        assertThat(history.get(2).old().get("email").wire()).isEqualTo("ann@example.com");
        assertThat(history).extracting(Change::seq).isSorted();
    }

    @Test
    void deletedRecordsComeBackWithin30DaysOnly() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        long d = (Long) customer("Dan", "dan@example.com").get("id");
        records.delete(f.ann, "customers", c, null);
        records.delete(f.ann, "customers", d, null);
        assertThat(records.deleted(f.ann, "customers")).extracting(m -> m.get("id")).containsExactly(d, c);
        f.clock.advance(Duration.ofDays(29));
        var back = records.restore(f.ann, "customers", c);
        assertThat(back).containsEntry("id", c).containsEntry("version", 2L).containsEntry("name", "Ann")
                .containsEntry("email", "ann@example.com");
        assertThat(records.get(f.ann, "customers", c)).isEqualTo(back);
        assertThatThrownBy(() -> records.restore(f.ann, "customers", c)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        f.clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> records.restore(f.ann, "customers", d)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.GONE));
        assertThat(records.history(f.ann, "customers", c)).extracting(Change::op)
                .containsExactly("insert", "delete", "restore");
    }

    @Test
    void aRestoreThatWouldDuplicateAUniqueValueIsRefused() {
        long c = (Long) customer("Ann", "ann@example.com").get("id");
        records.delete(f.ann, "customers", c, null);
        customer("New Ann", "ann@example.com");
        assertThatThrownBy(() -> records.restore(f.ann, "customers", c)).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("email"));
        assertThat(count("customers")).isEqualTo(1);
    }

    @Test
    void listingsFilterSortSearchAndPage() {
        for (int i = 1; i <= 7; i++) {
            customer("Customer " + i, "c" + i + "@example.com");
        }
        records.create(f.ann, "customers", json("{'name': 'Zed 100%', 'vip': true, 'credit': 5}"));
        var page = records.list(f.ann, "customers", JsonRecords.query(List.of("name:startswith:customer"),
                "-name", null, 3, 0));
        assertThat(page.records()).extracting(m -> m.get("name")).containsExactly("Customer 7", "Customer 6",
                "Customer 5");
        assertThat(page.hasMore()).isTrue();
        var last = records.list(f.ann, "customers", JsonRecords.query(List.of("name:startswith:customer"),
                "-name", null, 3, 6));
        assertThat(last.records()).extracting(m -> m.get("name")).containsExactly("Customer 1");
        assertThat(last.hasMore()).isFalse();
        assertThat(records.list(f.ann, "customers", JsonRecords.query(List.of("vip:eq:true"), null, null, 10, 0))
                .records()).extracting(m -> m.get("name")).containsExactly("Zed 100%");
        assertThat(records.list(f.ann, "customers", JsonRecords.query(List.of(), null, "100%", 10, 0)).records())
                .hasSize(1);
        assertThat(records.list(f.ann, "customers", JsonRecords.query(List.of("credit:gte:5", "email:empty"),
                null, null, 10, 0)).records()).hasSize(1);
        assertThat(records.list(f.ann, "customers", JsonRecords.query(List.of("email:in:c1@example.com,"
                + "c3@example.com"), "email", null, 10, 0)).records()).extracting(m -> m.get("name"))
                .containsExactly("Customer 1", "Customer 3");
        assertThat(records.list(f.ann, "customers", JsonRecords.query(List.of(), "credit", null, 10, 0)).records()
                .getLast()).containsEntry("name", "Zed 100%");
    }

    @Test
    void badListingParametersAreNamed() {
        assertThatThrownBy(() -> records.list(f.ann, "customers", JsonRecords.query(List.of("nope:eq:1",
                "vip:contains:x", "since:gt:soon", "name"), "-colour", null, 5000, -1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("filter[0]", "filter[1]", "filter[2]",
                                "filter[3]", "sort", "limit", "offset"));
    }
}
