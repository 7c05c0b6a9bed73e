package dev.cairn.export.service;

import java.time.Instant;

/** A registered age recipient of a workspace's exports. */
public record Recipient(long id, String name, String recipient, String createdBy, Instant createdAt) {
}
