package dev.cairn.server.quota;

/**
 * A feature's say over new writes of an account (see {@link QuotaService#addWritePolicy}). Consulted before every quota
 * reservation, so it must be cheap (a cached or indexed lookup). Never consulted for reads, deletes or lock files.
 */
@FunctionalInterface
public interface WritePolicy {
    /**
     * Returns normally if the account may store new data.
     *
     * @throws dev.cairn.server.error.ServiceException the refusal, whose message says why and how to lift it
     */
    void check(long accountId);
}
