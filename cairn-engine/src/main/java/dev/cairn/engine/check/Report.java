package dev.cairn.engine.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the findings and counters of one check run and forwards each finding to the listener. Not thread-safe. */
final class Report {
    private static final Pattern FULL_ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private final CheckListener listener;
    private final List<Finding> findings = new ArrayList<>();
    private long packsChecked;
    private long blobsChecked;
    private long treesChecked;
    private long packsRead;
    private long snapshotsChecked;
    private long bytesRead;

    Report(CheckListener listener) {
        this.listener = listener;
    }

    void error(String object, String message, List<String> affectedSnapshots) {
        add(new Finding(Severity.ERROR, object, message, affectedSnapshots));
    }

    void warning(String object, String message) {
        add(new Finding(Severity.WARNING, object, message, List.of()));
    }

    void info(String object, String message) {
        add(new Finding(Severity.INFO, object, message, List.of()));
    }

    private void add(Finding finding) {
        findings.add(finding);
        listener.finding(finding);
    }

    void progress(String phase, long done, long total) {
        listener.progress(phase, done, total);
    }

    void packChecked() {
        packsChecked++;
    }

    void blobChecked() {
        blobsChecked++;
    }

    /** A tree reached from a snapshot was decoded (also a checked blob). */
    void treeChecked() {
        treesChecked++;
        blobsChecked++;
    }

    void packRead() {
        packsRead++;
    }

    void snapshotChecked() {
        snapshotsChecked++;
    }

    void bytesRead(long n) {
        bytesRead += n;
    }

    /**
     * The message of {@code e} for use inside a finding about {@code object} (e.g. {@code "index/<id>"},
     * {@code "pack <id>"} or {@code "tree blob <id>"}): drops a leading "{@code <object> is damaged: }",
     * "{@code <object>: }" or "{@code <object> }" that would repeat what the finding already names, and shortens the
     * remaining full ids to 8 digits.
     */
    static String cause(Exception e, String object) {
        String message = String.valueOf(e.getMessage());
        for (String prefix : new String[] {object + " is damaged: ", object + ": ", object + " "}) {
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
                break;
            }
        }
        return FULL_ID.matcher(message).replaceAll(m -> m.group().substring(0, 8));
    }

    /** The message of {@code e} with full ids shortened to 8 digits. */
    static String cause(Exception e) {
        return cause(e, "\u0000");
    }

    CheckResult result() {
        return new CheckResult(findings, packsChecked, blobsChecked, snapshotsChecked, bytesRead, treesChecked, packsRead);
    }
}
