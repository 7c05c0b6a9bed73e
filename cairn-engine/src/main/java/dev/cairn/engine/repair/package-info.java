/**
 * {@code repair}: rewrites snapshots around damage that {@code check} reports ({@link dev.cairn.engine.repair.SnapshotRepair}),
 * and salvages the intact blobs of damaged packs ({@link dev.cairn.engine.repair.PackSalvage}), as restic's
 * {@code repair snapshots} and {@code repair packs} do. The index itself is rebuilt by {@link dev.cairn.engine.repo.IndexRepair}.
 */
package dev.cairn.engine.repair;
