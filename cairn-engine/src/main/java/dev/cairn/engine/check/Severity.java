package dev.cairn.engine.check;

/** How bad a {@link Finding} is. Only {@link #ERROR} makes a check fail ({@link CheckResult#ok()}). */
public enum Severity {
    /** Data is lost, damaged or unreachable: some snapshot cannot be fully restored, or the repository is inconsistent. */
    ERROR,
    /** Nothing is lost, but something needs attention (a stale lock, a damaged index file whose packs were recovered). */
    WARNING,
    /** Harmless and expected after normal operation (leftover packs of an interrupted backup, duplicate blobs). */
    INFO
}
