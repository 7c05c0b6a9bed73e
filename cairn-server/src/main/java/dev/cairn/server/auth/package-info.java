/**
 * Credentials: Argon2id password hashes ({@link dev.cairn.server.auth.PasswordHasher}), API tokens
 * ({@link dev.cairn.server.auth.TokenService}), web sessions with CSRF tokens ({@link dev.cairn.server.auth.SessionService})
 * and login throttling ({@link dev.cairn.server.auth.LoginThrottle}). Secrets are only ever stored hashed; time and
 * randomness are injected. This package knows accounts only by id; who may do what is decided in {@code server.http}.
 */
package dev.cairn.server.auth;
