package dev.cairn.server.storage;

/** How an upload ended when it succeeded. */
public enum PutOutcome {
    /** The object was stored and charged. */
    CREATED,
    /** An identical object (same content-hash name, content verified) already existed; nothing was stored or charged. */
    ALREADY_PRESENT
}
