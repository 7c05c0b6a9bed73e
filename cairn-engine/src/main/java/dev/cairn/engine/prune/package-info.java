/**
 * Prune: removes data no snapshot uses (spec §Prune). {@link Pruner} is the entry point; it depends on {@code repo},
 * {@code index}, {@code pack} and {@code snapshot}.
 */
package dev.cairn.engine.prune;
