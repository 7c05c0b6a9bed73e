package dev.cairn.workspace.shares;

import java.time.Duration;
import java.time.Instant;

/** What sending a passphrase to a share link gets; see {@link ShareService#unlock}. */
public sealed interface Unlock {
    /** No link has this token. */
    record Unknown() implements Unlock {
    }

    /** The link no longer works; {@code why} as for {@link ShareView.Gone}. */
    record Gone(ShareOutcome why) implements Unlock {
    }

    /** The passphrase was wrong. */
    record Wrong() implements Unlock {
    }

    /** Too many wrong passphrases for this link lately: try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Unlock {
    }

    /**
     * The passphrase was right (or the link has none: then {@code secret} is null). The browser keeps {@code secret}
     * in a cookie until {@code expiresAt}; the server stores only its hash.
     */
    record Unlocked(String secret, Instant expiresAt) implements Unlock {
    }
}
