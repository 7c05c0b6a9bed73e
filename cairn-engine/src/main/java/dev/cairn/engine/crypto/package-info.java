/**
 * Crypto primitives, each registered by a stable name with a known-answer vector: {@code AES256-GCM} (sealing),
 * {@code HMAC-SHA256} (blob ids), {@code ARGON2ID} (passphrase → key). Failures are unchecked {@link dev.cairn.engine.crypto.CryptoException}s;
 * the repository layer translates them into checked errors the user can act on.
 */
package dev.cairn.engine.crypto;
