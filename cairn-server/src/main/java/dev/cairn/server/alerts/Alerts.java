package dev.cairn.server.alerts;

/**
 * The platform's alerts as a feature raises them (see {@link dev.cairn.server.feature.Platform#alerts()}): an incident
 * per account, kind and subject is opened once by {@link #raise}, told to the account's owner by email and webhook,
 * repeated at the account's bounded rate while open, and closed with a recovery message by {@link #resolve}. Both are
 * idempotent, quick (delivery happens later, on the alerts job) and safe on several server processes. Implementations
 * never throw for a failed delivery.
 */
public interface Alerts {
    /**
     * Opens an incident unless one is open for the same account, kind and subject (then nothing happens).
     *
     * @param subject what it is about (a workspace, a repository, a device), at most 200 characters; "" for the account
     * @param message what happened and what to do, in the owner's words (at most 2,000 characters)
     */
    void raise(long accountId, AlertKind kind, String subject, String message);

    /** Closes the open incident of the account, kind and subject, if any, with {@code message} (what recovered). */
    void resolve(long accountId, AlertKind kind, String subject, String message);

    /** Alerts that go nowhere (a platform without the alerts service, e.g. in feature unit tests). */
    Alerts NONE = new Alerts() {
        @Override
        public void raise(long accountId, AlertKind kind, String subject, String message) {
        }

        @Override
        public void resolve(long accountId, AlertKind kind, String subject, String message) {
        }
    };
}
