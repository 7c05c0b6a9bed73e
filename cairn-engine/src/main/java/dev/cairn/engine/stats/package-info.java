/**
 * Repository statistics ({@code cairn stats}): logical sizes of the snapshots, deduplicated and stored sizes, and the
 * deduplication and compression ratios they imply. Entry point: {@link dev.cairn.engine.stats.RepositoryStats#compute}.
 * Read-only; reads snapshots, trees and store listings, never data packs.
 */
package dev.cairn.engine.stats;
