package dev.cairn.export.chain;

import java.io.IOException;

/** A chain of exports that cannot be followed: a link is missing or broken, or a full export lacks its JSON Lines. */
public final class ChainException extends IOException {
    public ChainException(String message) {
        super(message);
    }
}
