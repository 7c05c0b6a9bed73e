package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.List;

/**
 * Reports key files whose bytes no longer hash to their name (bit rot, truncation, a file swapped for another). A key
 * file is plain JSON: without this check a damaged second key went unnoticed until its passphrase was needed.
 */
final class KeyChecker {
    private KeyChecker() {
    }

    static void check(Repository repo, Report report) throws IOException {
        for (String id : repo.list(BlobKind.KEY).stream().sorted().toList()) {
            try {
                if (!repo.matchesItsName(BlobKind.KEY, id)) {
                    report.error("keys/" + id, "key file is damaged (its content no longer matches its name), so its"
                            + " passphrase may no longer open the repository. With a passphrase that does, add a new key"
                            + " ('cairn key add') and remove this one ('cairn key remove " + id.substring(0, 8) + "')",
                            List.of());
                }
            } catch (BlobNotFoundException e) {
                // removed since it was listed ('cairn key remove')
            }
        }
    }
}
