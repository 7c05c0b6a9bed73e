package dev.cairn.server.alerts;

import java.time.Instant;

/**
 * One message of an incident on one channel ({@code email} or {@code webhook}), as the delivery log shows it:
 * {@code state} {@code pending}, {@code delivered} or {@code failed} (after {@link Deliveries#MAX_ATTEMPTS} or a
 * permanent refusal), the attempts so far and the last error.
 */
public record Delivery(long id, long accountId, long incidentId, String channel, String state, String payload,
        int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {
}
