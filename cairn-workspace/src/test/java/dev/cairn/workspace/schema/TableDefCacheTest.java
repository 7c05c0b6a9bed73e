package dev.cairn.workspace.schema;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.RecordsServices;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Cached table definitions ({@link TableDefCache}, ADR 15 decision 9) stay correct across service instances sharing
 * one database: a schema change committed through one instance is seen, and used for validation, by the very next
 * request through the other, which had cached the old definition in its reads and in its writes.
 */
class TableDefCacheTest {
    @Nested
    class OnSqlite extends Suite {
        OnSqlite() {
            super(Dialect.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Suite {
        OnPostgres() {
            super(Dialect.POSTGRES);
        }
    }

    abstract static class Suite {
        final WorkspaceFixture f;
        /** A second instance of the services on the same database, with its own cache (another server process). */
        final RecordsServices other;
        long id;

        Suite(Dialect dialect) {
            this.f = new WorkspaceFixture(dialect);
            this.other = RecordsServices.create(f.db, f.clock, new Random(8)::nextBytes,
                    new SpoolDirectory(f.spool));
        }

        @BeforeEach
        void warmTheOtherInstance() {
            f.ws.tables().create(f.ann, new TableSpec("items", null, List.of(ColumnSpec.of("code", TEXT),
                    ColumnSpec.of("n", INTEGER))));
            id = (Long) on(other).create(f.ann, "items", json("{'code': 'a', 'n': 1}")).get("id");
            assertThat(on(other).get(f.ann, "items", id)).containsEntry("n", 1L);
        }

        @AfterEach
        void close() {
            f.close();
        }

        /** The record service of another instance, called as the API calls it. */
    static JsonRecords on(RecordsServices services) {
        return JsonRecords.of(services);
    }

    @Test
        void renamesAndNewColumnsAreSeenByTheNextRequestOnTheOtherInstance() {
            f.ws.tables().patch(f.ann, "items", new TablePatch(null, null, List.of(new TablePatch.Rename("n", "qty")),
                    null, null, List.of(ColumnSpec.of("note", TEXT))));
            assertThat(on(other).get(f.ann, "items", id)).containsEntry("qty", 1L).doesNotContainKey("n");
            assertThatThrownBy(() -> on(other).create(f.ann, "items", json("{'code': 'b', 'n': 2}")))
                    .isInstanceOf(ValidationException.class);
            assertThat(on(other).create(f.ann, "items", json("{'code': 'b', 'qty': 2, 'note': 'x'}")))
                    .containsEntry("qty", 2L).containsEntry("note", "x");
            assertThat(on(other).update(f.ann, "items", id, 1L, json("{'note': 'y'}")))
                    .containsEntry("note", "y");
        }

        @Test
        void validationUsesTheNewRulesRightAfterTheChange() {
            on(other).create(f.ann, "items", json("{'code': 'z', 'n': 2}"));
            f.ws.tables().patch(f.ann, "items", new TablePatch(null, null, null, List.of("n"), List.of(
                    new ColumnSpec("code", null, null, true, true, null, null, null, null, null, null, null, null)),
                    null));
            assertThatThrownBy(() -> on(other).create(f.ann, "items", json("{'code': 'c', 'n': 3}")))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> on(other).create(f.ann, "items", json("{}")))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).extracting(FieldError::field).contains("code"));
            assertThatThrownBy(() -> on(other).update(f.ann, "items", id, 1L, json("{'n': 4}")))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        void aDeletedTableIsGoneAndItsSuccessorUsedOnTheOtherInstance() {
            f.ws.tables().delete(f.ann, "items");
            assertThatThrownBy(() -> on(other).get(f.ann, "items", id)).isInstanceOfSatisfying(
                    ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThatThrownBy(() -> on(other).create(f.ann, "items", json("{'code': 'd'}")))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            f.ws.tables().create(f.ann, new TableSpec("items", null, List.of(ColumnSpec.of("title", TEXT))));
            assertThat(on(other).create(f.ann, "items", json("{'title': 't'}"))).containsEntry("title", "t");
            assertThatThrownBy(() -> on(other).create(f.ann, "items", json("{'code': 'e'}")))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        void aCallerResolvedAfterTheChangeCarriesTheNewVersionAndSeesTheNewDefinition() {
            Caller before = other.workspaces().resolve(f.ann.accountId(), f.ann.accountName(), null, false);
            assertThat(before.schemaVersion()).isEqualTo(version());
            f.ws.tables().patch(f.ann, "items", new TablePatch(null, null, List.of(new TablePatch.Rename("n", "qty")),
                    null, null, null));
            Caller after = other.workspaces().resolve(f.ann.accountId(), f.ann.accountName(), null, false);
            assertThat(after.schemaVersion()).isEqualTo(before.schemaVersion() + 1).isEqualTo(version());
            assertThat(on(other).get(after, "items", id)).containsEntry("qty", 1L).doesNotContainKey("n");
            assertThat(on(other).list(after, "items", JsonRecords.query(List.of(), "qty", null, 50, 0))
                    .records()).extracting(r -> r.get("qty")).containsExactly(1L);
        }

        @Test
        void aDeleteSeesAReferenceColumnAddedAfterItsInstanceCachedTheTables() {
            long spare = (Long) on(other).create(f.ann, "items", json("{'code': 's'}")).get("id");
            on(other).delete(f.ann, "items", spare, null); // caches the workspace's tables on the other instance
            f.ws.tables().create(f.ann, new TableSpec("lines", null, List.of(ColumnSpec.of("item", REFERENCE)
                    .referencing("items"))));
            long line = (Long) f.records().create(f.ann, "lines", json("{'item': " + id + "}")).get("id");
            assertThatThrownBy(() -> on(other).delete(f.ann, "items", id, null)).isInstanceOfSatisfying(
                    ServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                        assertThat(e.getMessage()).contains("lines " + line);
                    });
            assertThat(on(other).get(f.ann, "items", id)).containsEntry("code", "a");
        }

        @Test
        void aWriteChecksAReferenceToATableCreatedAfterItsInstanceCachedTheTables() {
            long spare = (Long) on(other).create(f.ann, "items", json("{'code': 's'}")).get("id");
            on(other).delete(f.ann, "items", spare, null); // caches the workspace's tables on the other instance
            f.ws.tables().create(f.ann, new TableSpec("customers", null, List.of(ColumnSpec.of("name", TEXT))));
            f.ws.tables().patch(f.ann, "items", new TablePatch(null, null, null, null, null, List.of(
                    ColumnSpec.of("customer", REFERENCE).referencing("customers"))));
            long customer = (Long) f.records().create(f.ann, "customers", json("{'name': 'x'}")).get("id");
            assertThat(on(other).create(f.ann, "items", json("{'code': 'r', 'customer': " + customer + "}")))
                    .containsKey("customer");
            assertThatThrownBy(() -> on(other).create(f.ann, "items", json("{'code': 'q', 'customer': "
                    + (customer + 1000) + "}"))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(
                            e.errors()).extracting(FieldError::message).containsExactly("table 'customers' has no record "
                            + (customer + 1000)));
        }

        @Test
        void everySchemaChangeBumpsTheVersionAndAFailedOneDoesNot() {
            long before = version();
            assertThatThrownBy(() -> f.ws.tables().patch(f.ann, "items", new TablePatch(null, null, null,
                    List.of("nope"), null, null))).isInstanceOf(ValidationException.class);
            assertThat(version()).isEqualTo(before);
            f.ws.tables().patch(f.ann, "items", new TablePatch(null, null, null, List.of("n"), null, null));
            assertThat(version()).isEqualTo(before + 1);
            f.ws.purger().purge(f.ann);
            assertThat(version()).isEqualTo(before + 2);
            f.ws.tables().delete(f.ann, "items");
            assertThat(version()).isEqualTo(before + 3);
        }

        long version() {
            return f.db.jdbi().withHandle(h -> Schema.schemaVersion(h, f.ann.workspaceId()));
        }
    }

    @Nested
    class Bounds {
        final TableDef items = new TableDef(1, 7, "items", null, List.of());

        @Test
        void aDefinitionIsReturnedOnlyForItsVersionAndANewerVersionReplacesTheSet() {
            TableDefCache cache = new TableDefCache();
            cache.put(7, 3, items);
            assertThat(cache.get(7, 3, "items")).isSameAs(items);
            assertThat(cache.get(7, 4, "items")).isNull();
            assertThat(cache.get(8, 3, "items")).isNull();
            cache.put(7, 4, new TableDef(2, 7, "other", null, List.of()));
            assertThat(cache.get(7, 3, "items")).isNull();
            cache.put(7, 3, items);
            assertThat(cache.get(7, 4, "items")).isNull();
            assertThat(cache.get(7, 4, "other")).isNotNull();
        }

        @Test
        void theListOfAllTablesIsKeptForItsVersionOnly() {
            TableDefCache cache = new TableDefCache();
            cache.putAll(7, 3, List.of(items));
            assertThat(cache.all(7, 3)).containsExactly(items);
            assertThat(cache.all(7, 2)).isNull();
            cache.put(7, 4, items);
            assertThat(cache.all(7, 3)).isNull();
            assertThat(cache.all(7, 4)).isNull();
            cache.putAll(7, 3, List.of(items));
            assertThat(cache.all(7, 4)).isNull();
        }

        @Test
        void theLeastRecentlyUsedWorkspaceIsDroppedAndTablesPerWorkspaceAreCapped() {
            TableDefCache cache = new TableDefCache();
            for (long w = 0; w <= TableDefCache.MAX_WORKSPACES; w++) {
                cache.put(w, 0, items);
                cache.get(0, 0, "items");
            }
            assertThat(cache.get(0, 0, "items")).isSameAs(items);
            assertThat(cache.get(1, 0, "items")).isNull();
            for (int t = 0; t <= TableDefCache.MAX_TABLES; t++) {
                cache.put(9999, 0, new TableDef(t, 9999, "t" + t, null, List.of()));
            }
            assertThat(cache.get(9999, 0, "t" + (TableDefCache.MAX_TABLES - 1))).isNotNull();
            assertThat(cache.get(9999, 0, "t" + TableDefCache.MAX_TABLES)).isNull();
        }
    }
}
