package dev.cairn.engine.check;

import java.util.List;

/**
 * Everything a check found, plus how much it looked at.
 *
 * @param findings         every finding, in the order they were reported to the {@link CheckListener}
 * @param packsChecked     packs whose header was read and compared with the index
 * @param blobsChecked     blobs authenticated and decoded: every tree reached from a snapshot, plus with read-data every
 *                         blob in the packs read
 * @param snapshotsChecked snapshot documents looked at, damaged ones included
 * @param bytesRead        bytes of packs read whole for read-data (0 without it)
 * @param treesChecked     the trees walked from the snapshots: the same with and without read-data or a subset
 * @param packsRead        packs read whole for read-data (0 without it; the subset's share with one)
 */
public record CheckResult(List<Finding> findings, long packsChecked, long blobsChecked, long snapshotsChecked, long bytesRead,
        long treesChecked, long packsRead) {
    public CheckResult {
        findings = List.copyOf(findings);
    }

    /** Whether the repository passed: there is no {@link Severity#ERROR} finding. */
    public boolean ok() {
        return count(Severity.ERROR) == 0;
    }

    /** How many findings have this severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
