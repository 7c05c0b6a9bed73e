package dev.cairn.agent.daemon;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The daemon's open repositories, one per set, kept between runs: the passphrase is derived into the key once, when the
 * set first runs, and a run costs no key derivation and no index load from scratch. A run that fails drops its set's
 * repository (the next run opens it afresh); a reload that changes how the set opens its repository (location,
 * passphrase, token, limits) reopens it at the set's next run. Callers run one job per set and repository at a time
 * ({@link Scheduler}), so an entry is never used by two runs at once.
 */
final class RepositoryCache implements AutoCloseable {
    private final RepositoryOpener opener;
    private final Log log;
    private final Map<String, RepositoryOpener.Opened> open = new HashMap<>();
    private final Map<String, Access> openedWith = new HashMap<>();

    /** What decides how a set's repository is opened. */
    private record Access(String repository, java.nio.file.Path passwordFile, String passwordCommand,
                          java.nio.file.Path tokenFile, SetConfig.Bandwidth bandwidth, boolean insecureHttp) {
        static Access of(SetConfig s) {
            return new Access(s.repository(), s.passwordFile(), s.passwordCommand(), s.tokenFile(), s.bandwidth(), s.insecureHttp());
        }
    }

    RepositoryCache(RepositoryOpener opener, Log log) {
        this.opener = opener;
        this.log = log;
    }

    /** {@code set}'s repository, opened on first use. */
    RepositoryOpener.Opened get(SetConfig set) throws IOException {
        RepositoryOpener.Opened o;
        synchronized (this) {
            o = open.get(set.name());
        }
        if (o != null && !Access.of(set).equals(openedWith.get(set.name()))) {
            drop(set.name());
            o = null;
        }
        if (o == null) {
            o = opener.open(set);
            synchronized (this) {
                open.put(set.name(), o);
                openedWith.put(set.name(), Access.of(set));
            }
            log.info(set.name() + ": opened repository " + set.repository() + "; its key stays in memory between runs");
        }
        return o;
    }

    /** Closes and forgets {@code set}'s repository, if open. */
    void drop(String set) {
        RepositoryOpener.Opened o;
        synchronized (this) {
            o = open.remove(set);
            openedWith.remove(set);
        }
        closeQuietly(o);
    }

    /** Closes every repository (config reload, shutdown). */
    @Override
    public void close() {
        Map<String, RepositoryOpener.Opened> all;
        synchronized (this) {
            all = new HashMap<>(open);
            open.clear();
            openedWith.clear();
        }
        all.values().forEach(this::closeQuietly);
    }

    private void closeQuietly(RepositoryOpener.Opened o) {
        if (o != null) {
            try {
                o.close();
            } catch (Exception e) {
                log.info("closing a repository: " + e.getMessage());
            }
        }
    }
}
