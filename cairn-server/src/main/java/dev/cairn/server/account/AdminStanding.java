package dev.cairn.server.account;

import dev.cairn.server.error.ServiceException;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The rule that a server always keeps an active administrator: a change that takes an account out of the active
 * administrators (suspension, deletion, and any demotion a later path adds) runs through {@link #change}, which refuses
 * it for the last one. Every path (API, web page, command line) reaches it through {@link AccountService}. The check
 * and the change share one serializable transaction, so two administrators suspending each other at the same moment
 * cannot both succeed, on SQLite or PostgreSQL (whose serialization failures are retried). Thread-safe.
 */
final class AdminStanding {
    private static final int ATTEMPTS = 5;
    private final Jdbi jdbi;
    private final AccountDao dao;

    AdminStanding(Jdbi jdbi, AccountDao dao) {
        this.jdbi = jdbi;
        this.dao = dao;
    }

    /**
     * Applies {@code change} to account {@code id} unless it is the last active administrator.
     *
     * @param what what the change makes of the account ("suspended", "deleted"), for the refusal
     * @throws ServiceException {@code forbidden} for the last active administrator, {@code not-found}
     */
    void change(long id, String what, Consumer<Handle> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> {
                    Account account = dao.byId(h, id).orElseThrow(() -> ServiceException.notFound(
                            "no account with id " + id));
                    if (account.admin() && account.status() == AccountStatus.ACTIVE
                            && !dao.anotherActiveAdmin(h, id)) {
                        throw ServiceException.forbidden("'" + account.name() + "' is the only active administrator "
                                + "and cannot be " + what + "; make another account an administrator first (cairn "
                                + "server account add NAME --admin)");
                    }
                    change.accept(h);
                });
                return;
            } catch (JdbiException e) {
                if (attempt == ATTEMPTS || !serializationFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** PostgreSQL's "could not serialize access" (SQLSTATE 40001): the transaction may simply be run again. */
    private static boolean serializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "40001".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
