package dev.cairn.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migratesAndAnswers(Dialect dialect) {
        try (Database db = TestDatabases.open(dialect)) {
            assertThat(db.isReachable()).isTrue();
            assertThat(db.dialect()).isEqualTo(dialect);
            long plans = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plans").mapTo(Long.class).one());
            assertThat(plans).isEqualTo(1);
        }
    }

    @Test
    void sqliteReadsSeeCommittedWritesAndRefuseToWrite() {
        try (Database db = TestDatabases.open(Dialect.SQLITE)) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO plans (name, quota_bytes) VALUES ('big', 1)"));
            long plans = db.reads().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plans").mapTo(Long.class)
                    .one());
            assertThat(plans).isEqualTo(2);
            assertThatThrownBy(() -> db.reads().useHandle(h -> h.execute("DELETE FROM plans")))
                    .hasMessageContaining("readonly");
            long after = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plans").mapTo(Long.class)
                    .one());
            assertThat(after).isEqualTo(2);
        }
    }

    @Test
    void parsesEveryAcceptedForm() {
        Path dir = Path.of("/data");
        assertThat(DbTarget.parse("", dir).jdbcUrl()).isEqualTo("jdbc:sqlite:/data/cairn.db");
        assertThat(DbTarget.parse("sqlite:meta.db", dir).jdbcUrl()).isEqualTo("jdbc:sqlite:/data/meta.db");
        assertThat(DbTarget.parse("/abs/x.db", dir).jdbcUrl()).isEqualTo("jdbc:sqlite:/abs/x.db");
        DbTarget pg = DbTarget.parse("postgresql://cairn:s%40cret@db.example:5433/cairn?sslmode=require", dir);
        assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRES);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/cairn?sslmode=require");
        assertThat(pg.user()).isEqualTo("cairn");
        assertThat(pg.password()).isEqualTo("s@cret");
        assertThat(pg.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
        assertThat(DbTarget.parse("jdbc:postgresql://h/db", dir).dialect()).isEqualTo(Dialect.POSTGRES);
    }

    @Test
    void unsupportedLocationsAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> DbTarget.parse("mysql://u:hunter2@h/db", Path.of("/d")))
                .hasMessageContaining("postgresql://").hasMessageNotContaining("hunter2");
    }
}
