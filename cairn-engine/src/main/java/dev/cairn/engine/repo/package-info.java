/**
 * The repository layer: open/init ({@link dev.cairn.engine.repo.Repositories}), key files, the read side
 * ({@link dev.cairn.engine.repo.Repository}), the ordered write side ({@link dev.cairn.engine.repo.WriteSession}) and locks.
 * Crypto and format failures are translated here into checked exceptions the user can act on.
 */
package dev.cairn.engine.repo;
