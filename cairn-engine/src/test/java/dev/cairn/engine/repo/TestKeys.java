package dev.cairn.engine.repo;

import dev.cairn.engine.crypto.MasterKey;

/**
 * Test access to a repository's master key, which production code outside this package never gets (tests seal objects
 * the way an interrupted backup or a fuzzer's seed would).
 */
public final class TestKeys {
    private TestKeys() {
    }

    public static MasterKey masterKey(Repository repo) {
        return repo.masterKey();
    }
}
