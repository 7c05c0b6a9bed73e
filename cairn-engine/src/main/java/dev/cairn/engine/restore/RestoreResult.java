package dev.cairn.engine.restore;

/**
 * What a restore did. {@code files}, {@code dirs} and {@code symlinks} count entries that ended up complete under their final
 * names (files already identical in the target count too); {@code bytes} is the plaintext size of those files; {@code errors}
 * counts entries reported to {@link RestoreListener#error}; {@code verified} counts files that passed verification (0 unless
 * verification was asked for).
 */
public record RestoreResult(long files, long dirs, long symlinks, long bytes, long errors, long verified) {
}
