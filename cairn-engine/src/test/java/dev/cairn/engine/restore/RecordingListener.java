package dev.cairn.engine.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records every listener call (the restorer serialises them, but reads from the test thread synchronise anyway). */
final class RecordingListener implements RestoreListener {
    long totalFiles = -1;
    long totalBytes = -1;
    final List<String> restored = new ArrayList<>();
    final Map<String, Exception> errors = new LinkedHashMap<>();

    @Override
    public synchronized void start(long files, long bytes) {
        totalFiles = files;
        totalBytes = bytes;
    }

    @Override
    public synchronized void fileRestored(String snapshotPath, long bytes) {
        restored.add(snapshotPath);
    }

    @Override
    public synchronized void error(String snapshotPath, Exception e) {
        errors.put(snapshotPath, e);
    }
}
