package dev.cairn.server.runs;

import dev.cairn.server.ServerConfig;
import dev.cairn.server.db.TestDatabases;

/** {@link RunApiTest} on PostgreSQL (embedded, a fresh database per test). */
class RunApiPostgresTest extends RunApiTest {
    @Override
    ServerConfig storage(ServerConfig config) {
        return config.withStorage(TestDatabases.postgresUrl(), dir.resolve("store").toString());
    }
}
