package dev.cairn.server.alerts;

import dev.cairn.server.ServerConfig;
import dev.cairn.server.db.TestDatabases;

/** {@link AlertsEndToEndTest} on PostgreSQL (embedded, a fresh database per test). */
class AlertsEndToEndPostgresTest extends AlertsEndToEndTest {
    @Override
    ServerConfig storage(ServerConfig config) {
        return config.withStorage(TestDatabases.postgresUrl(), dir.resolve("store").toString());
    }
}
