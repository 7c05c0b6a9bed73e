package dev.cairn.s3;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import java.util.Optional;

/**
 * Where {@link S3BlobStore} keeps each object: the same layout as the local store ({@code LocalLayout} in cairn-blob),
 * below an optional key prefix, so a local repository directory copied to a bucket (e.g. with {@code aws s3 sync} or
 * {@code rclone}) opens as it is, and back:
 * <pre>
 *   PREFIX/config                the config object
 *   PREFIX/data/ab/abcd…         packs, fanned out by the first two hex digits of the id
 *   PREFIX/{keys,index,snapshots,locks}/abcd…
 * </pre>
 * With an empty prefix the keys start at the bucket root ({@code config}, {@code data/…}). Immutable and thread-safe.
 */
final class S3Keys {
    private final String root;

    /** @param prefix a prefix accepted by {@link #checkPrefix}, {@code ""} for the bucket root */
    S3Keys(String prefix) {
        checkPrefix(prefix);
        this.root = prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The object key of {@code name}. */
    String key(BlobName name) {
        return switch (name.kind()) {
            case CONFIG -> root + name.id();
            case PACK -> root + name.kind().dirName() + "/" + name.id().substring(0, 2) + "/" + name.id();
            default -> root + name.kind().dirName() + "/" + name.id();
        };
    }

    /** The key prefix under which every object of {@code kind} lies (for listing). */
    String listPrefix(BlobKind kind) {
        return kind == BlobKind.CONFIG ? root + BlobName.CONFIG.id() : root + kind.dirName() + "/";
    }

    /**
     * The name stored under {@code key}, a key found by listing {@link #listPrefix(BlobKind) listPrefix(kind)}; empty for
     * keys that are not in the layout (foreign files, directory markers, packs in the wrong fan-out directory).
     */
    Optional<BlobName> parse(BlobKind kind, String key) {
        if (!key.startsWith(root)) {
            return Optional.empty();
        }
        String rest = key.substring(root.length());
        Optional<BlobName> name = switch (kind) {
            case CONFIG -> Optional.of(BlobName.CONFIG).filter(n -> rest.equals(n.id()));
            case PACK -> packName(rest);
            default -> idIn(kind, rest, kind.dirName() + "/");
        };
        return name.filter(n -> key(n).equals(key));
    }

    private static Optional<BlobName> packName(String rest) {
        String dir = BlobKind.PACK.dirName() + "/";
        if (!rest.startsWith(dir) || rest.length() < dir.length() + 3) {
            return Optional.empty();
        }
        return idIn(BlobKind.PACK, rest, rest.substring(0, dir.length() + 3));
    }

    private static Optional<BlobName> idIn(BlobKind kind, String rest, String dir) {
        if (!rest.startsWith(dir)) {
            return Optional.empty();
        }
        String id = rest.substring(dir.length());
        return BlobName.isValidId(kind, id) ? Optional.of(BlobName.of(kind, id)) : Optional.empty();
    }

    /** The prefix named by a location's path: without leading and trailing slashes. */
    static String prefixFromPath(String path) {
        String p = path == null ? "" : path;
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }

    /**
     * Rejects prefixes that would make keys ambiguous or surprising: empty segments ({@code a//b}), {@code .} or
     * {@code ..} segments, backslashes or control characters, leading or trailing slashes, more than 512 characters.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static void checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return;
        }
        if (prefix.length() > 512 || prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw S3Location.syntaxError("the prefix must be at most 512 characters, without backslashes or control "
                    + "characters");
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw S3Location.syntaxError("the prefix '" + prefix + "' has an empty, '.' or '..' segment");
            }
        }
    }
}
