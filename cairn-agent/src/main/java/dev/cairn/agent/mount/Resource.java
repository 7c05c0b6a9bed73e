package dev.cairn.agent.mount;

import dev.cairn.engine.snapshot.Node;
import java.time.Instant;

/**
 * What a path names: a directory made up by the mount ({@code /}, {@code /snapshots}, a host), a directory of a snapshot
 * (its root tree or a directory node), or a file. Symlinks and special files are not served (WebDAV has no notion of them).
 */
sealed interface Resource {
    /** Last path segment ("" for the root). */
    String name();

    boolean collection();

    /** Modification time (a snapshot's time for the directories the mount makes up). */
    Instant mtime();

    /** A strong entity tag, quoted; it changes whenever the content or the listing does. */
    String etag();

    /** A directory the mount makes up; {@code version} identifies its listing (for the entity tag). */
    record Virtual(String name, Instant mtime, String version) implements Resource {
        @Override
        public boolean collection() {
            return true;
        }

        @Override
        public String etag() {
            return '"' + version + '"';
        }
    }

    /** A directory of a snapshot, listed by tree {@code treeId} (null for a directory stored without one: empty). */
    record Dir(String name, Instant mtime, String treeId) implements Resource {
        @Override
        public boolean collection() {
            return true;
        }

        @Override
        public String etag() {
            return treeId == null ? "\"tempty\"" : "\"t" + treeId.substring(0, Math.min(32, treeId.length())) + '"';
        }
    }

    /** A file of a snapshot; {@code key} names it uniquely for caches (its parent tree and name). */
    record File(Node node, String key) implements Resource {
        @Override
        public String name() {
            return node.name();
        }

        @Override
        public boolean collection() {
            return false;
        }

        @Override
        public Instant mtime() {
            return Instant.ofEpochSecond(Math.floorDiv(node.mtimeNs(), 1_000_000_000L), Math.floorMod(node.mtimeNs(), 1_000_000_000L));
        }

        public long size() {
            return node.size();
        }

        /** A digest of the file's blob ids: content-addressed, so equal content has equal tags and any change changes it. */
        @Override
        public String etag() {
            java.security.MessageDigest sha;
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            for (String id : node.content()) {
                sha.update(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            return "\"f" + java.util.HexFormat.of().formatHex(sha.digest(), 0, 16) + '"';
        }
    }
}
