/**
 * The metadata database: {@link dev.cairn.server.db.Database} opens SQLite (default, one file in the data directory) or
 * PostgreSQL (scale-out) behind one JDBI handle and migrates it with Flyway. Migrations in {@code db/migration} are shared
 * by both dialects; the few type differences are Flyway placeholders ({@code ${pk}}), so there are no per-dialect copies.
 */
package dev.cairn.server.db;
