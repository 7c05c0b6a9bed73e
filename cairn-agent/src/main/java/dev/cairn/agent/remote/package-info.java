/**
 * Repositories on a cairn server, seen from the agent: where credentials come from and where {@code cairn login}
 * keeps them ({@link dev.cairn.agent.remote.SavedTokens}, {@link dev.cairn.agent.remote.Credentials}), and server leases
 * as the engine's {@link dev.cairn.engine.repo.Locking} ({@link dev.cairn.agent.remote.ServerLocking}). Never prints.
 */
package dev.cairn.agent.remote;
