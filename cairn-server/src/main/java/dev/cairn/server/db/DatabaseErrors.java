package dev.cairn.server.db;

/** What a failed database call says about the database. Stateless. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /**
     * Whether {@code e} (or a cause) is the database being unreachable: connection refused or lost, none free in the
     * pool in time, or PostgreSQL shutting down. Such a call may succeed if repeated; any other failure would not.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true; // PostgreSQL: connection exception class, or the server shutting down
            }
        }
        return false;
    }
}
