/**
 * Retention: which snapshots {@code forget} keeps, by restic's rules (spec §Forget), and deleting the others' snapshot
 * objects. Depends on {@code repo} and {@code snapshot} only.
 */
package dev.cairn.engine.forget;
