package dev.cairn.engine.restore;

import java.io.IOException;

/**
 * Verification found that a restored file on disk does not hold what the snapshot says (it was changed after being written,
 * or the target storage is faulty). The repository is not implicated. Restoring the file again may fix it.
 */
public class RestoreMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public RestoreMismatchException(String message) {
        super(message);
    }
}
