package dev.cairn.engine.repo;

import java.time.Instant;

/** What {@code cairn key list} shows about a key file; {@code current} marks the key that opened this repository. */
public record KeyInfo(String id, Instant created, String hostname, String username, boolean current) {
}
