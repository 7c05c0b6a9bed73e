package dev.cairn.blob;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link LocalBlobStore} keeps each object, and how it finds them again:
 * <pre>
 *   root/config                 the config object
 *   root/data/ab/abcd…          packs, sharded by the first two hex digits of the id
 *   root/{keys,index,snapshots,locks}/abcd…
 *   root/tmp/                   temp files of puts in progress; never listed
 * </pre>
 * Immutable and thread-safe. Listing skips anything that is not a regular file with a valid id in the right place.
 */
final class LocalLayout {
    static final String TMP_DIR = "tmp";
    private static final int SHARDS = 256;

    private final Path root;

    LocalLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path tmpDir() {
        return root.resolve(TMP_DIR);
    }

    /** The file that holds {@code name}. */
    Path path(BlobName name) {
        return switch (name.kind()) {
            case CONFIG -> root.resolve(name.id());
            case PACK -> root.resolve(name.kind().dirName()).resolve(name.id().substring(0, 2)).resolve(name.id());
            default -> root.resolve(name.kind().dirName()).resolve(name.id());
        };
    }

    /** Every directory of a complete layout, parents before children. */
    List<Path> directories() {
        List<Path> dirs = new ArrayList<>();
        for (BlobKind kind : BlobKind.values()) {
            if (kind != BlobKind.CONFIG) {
                dirs.add(root.resolve(kind.dirName()));
            }
        }
        Path data = root.resolve(BlobKind.PACK.dirName());
        for (int shard = 0; shard < SHARDS; shard++) {
            dirs.add(data.resolve(HexFormat.of().toHexDigits((byte) shard)));
        }
        dirs.add(tmpDir());
        return dirs;
    }

    /** The objects of one kind; a missing kind directory (or a file where one is expected) lists as empty. */
    List<BlobInfo> list(BlobKind kind) throws IOException {
        List<BlobInfo> found = new ArrayList<>();
        if (kind == BlobKind.CONFIG) {
            regularFile(BlobName.CONFIG, path(BlobName.CONFIG)).ifPresent(found::add);
        } else if (kind == BlobKind.PACK) {
            for (Path shard : entries(root.resolve(kind.dirName()))) {
                listInto(found, kind, shard, shard.getFileName().toString());
            }
        } else {
            listInto(found, kind, root.resolve(kind.dirName()), "");
        }
        return found;
    }

    private void listInto(List<BlobInfo> found, BlobKind kind, Path dir, String requiredPrefix) throws IOException {
        if (kind == BlobKind.PACK && !isShardName(requiredPrefix)) {
            return;
        }
        for (Path file : entries(dir)) {
            String id = file.getFileName().toString();
            if (BlobName.isValidId(kind, id) && id.startsWith(requiredPrefix)) {
                regularFile(BlobName.of(kind, id), file).ifPresent(found::add);
            }
        }
    }

    private static boolean isShardName(String name) {
        return name.length() == 2 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static List<Path> entries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        return entries;
    }

    /**
     * The object in a regular file (following links, as get does), its arrival time the file's modification time, or empty
     * if there is none or it vanished meanwhile.
     */
    private static Optional<BlobInfo> regularFile(BlobName name, Path file) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return attrs.isRegularFile()
                    ? Optional.of(new BlobInfo(name, attrs.size(), attrs.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
