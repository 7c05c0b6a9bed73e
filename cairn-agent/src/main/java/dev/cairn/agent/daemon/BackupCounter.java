package dev.cairn.agent.daemon;

import dev.cairn.engine.backup.BackupListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a daemon backup did for its run report: bytes of new, changed and unchanged files, and the first errors. */
final class BackupCounter implements BackupListener {
    private static final int MAX_ERRORS = 20;
    final AtomicLong bytesNew = new AtomicLong();
    final AtomicLong bytesChanged = new AtomicLong();
    final AtomicLong bytesUnchanged = new AtomicLong();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void fileDone(String path, long size, FileState state) {
        (switch (state) {
            case NEW -> bytesNew;
            case CHANGED -> bytesChanged;
            case UNMODIFIED -> bytesUnchanged;
        }).addAndGet(size);
    }

    @Override
    public void error(String path, Exception e) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(path + ": " + e.getMessage());
        }
    }

    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
