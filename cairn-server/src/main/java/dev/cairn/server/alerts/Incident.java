package dev.cairn.server.alerts;

import java.time.Instant;

/** One incident: opened once, told again at most every repeat period ({@code lastSentAt}), closed by a recovery. */
public record Incident(long id, long accountId, String kind, String subject, String device, String message,
        Instant openedAt, Instant lastSentAt, Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }

    public AlertKind alertKind() {
        return AlertKind.of(kind);
    }
}
