package dev.cairn.engine.backup;

import static dev.cairn.engine.backup.EngineFixture.restoreLatest;
import static dev.cairn.engine.backup.EngineFixture.restored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An incremental backup reuses the parent's content of a file only when size, mtime, ctime and inode all match, and the
 * parent's tree of a directory only when every node matches: each single change below must be noticed (the file read
 * again, its directory's tree written anew, the restore exact), while the untouched directory keeps its tree id.
 */
class ParentComparisonTest {
    @TempDir
    Path tmp;

    /** One change to {@code sub/a.txt}; every one of them must make the backup read the file again. */
    enum Change {
        MTIME {
            @Override
            void apply(Path f) throws IOException {
                Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2_000));
            }
        },
        SIZE_SAME_MTIME {
            @Override
            void apply(Path f) throws IOException {
                FileTime mtime = Files.getLastModifiedTime(f);
                Files.writeString(f, "hello world, longer now");
                Files.setLastModifiedTime(f, mtime);
            }
        },
        CTIME_ONLY {
            @Override
            void apply(Path f) throws IOException {
                Files.setPosixFilePermissions(f, Files.getPosixFilePermissions(f)); // same mode: only the ctime moves
            }
        },
        INODE {
            @Override
            void apply(Path f) throws IOException {
                Path copy = f.resolveSibling("a.copy");
                Files.copy(f, copy, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(copy, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        },
        MODE {
            @Override
            void apply(Path f) throws IOException {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            }
        },
        SAME_SIZE_SAME_MTIME_NEW_CONTENT {
            @Override
            void apply(Path f) throws IOException {
                FileTime mtime = Files.getLastModifiedTime(f);
                Files.writeString(f, "HELLO WORLD"); // same length as "hello world"
                Files.setLastModifiedTime(f, mtime);
            }
        };

        abstract void apply(Path file) throws IOException;
    }

    /** Records how each file's content was obtained. */
    private static final class Recorder implements BackupListener {
        final Map<String, FileState> states = new ConcurrentHashMap<>();

        @Override
        public void fileDone(String path, long size, FileState state) {
            states.put(path, state);
        }
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void everySingleChangeIsNoticed(Change change) throws Exception {
        Path source = tree();
        Path a = source.resolve("sub/a.txt");
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult first = backup(repo, source, new Recorder());
            Thread.sleep(20); // a coarse file system clock must tick before the change, or the ctime could stay the same
            change.apply(a);
            Recorder second = new Recorder();
            BackupResult result = backup(repo, source, second);

            assertThat(result.snapshot().parent()).isEqualTo(first.snapshotId());
            assertThat(second.states).containsEntry(a.toString(), BackupListener.FileState.CHANGED)
                    .containsEntry(source.resolve("sub/b.txt").toString(), BackupListener.FileState.UNMODIFIED)
                    .containsEntry(source.resolve("other/c.txt").toString(), BackupListener.FileState.UNMODIFIED);
            assertThat(subtree(repo, result, source.resolve("sub"))).isNotEqualTo(subtree(repo, first, source.resolve("sub")));
            assertThat(subtree(repo, result, source.resolve("other"))).isEqualTo(subtree(repo, first, source.resolve("other")));
            assertThat(node(repo, result, a).inode()).isEqualTo(Files.getAttribute(a, "unix:ino", LinkOption.NOFOLLOW_LINKS));

            Path target = tmp.resolve("target");
            restoreLatest(repo, target);
            Path back = restored(target, a);
            assertThat(Files.readString(back)).isEqualTo(Files.readString(a));
            assertThat(Files.getPosixFilePermissions(back)).isEqualTo(Files.getPosixFilePermissions(a));
            assertThat(Files.getLastModifiedTime(back)).isEqualTo(Files.getLastModifiedTime(a));
        }
    }

    @Test
    void anUntouchedTreeIsReusedWholeAndItsFilesAreNotRead() throws Exception {
        Path source = tree();
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult first = backup(repo, source, new Recorder());
            Recorder second = new Recorder();
            BackupResult result = backup(repo, source, second);

            assertThat(second.states).hasSize(3).allSatisfy((path, state) -> assertThat(state).isEqualTo(BackupListener.FileState.UNMODIFIED));
            assertThat(subtree(repo, result, source)).isEqualTo(subtree(repo, first, source)); // the levels above may change
            assertThat(result.snapshot().summary().dataBlobsAdded()).isZero();
        }
    }

    @Test
    void aDeletedOrAddedEntryChangesTheTree() throws Exception {
        Path source = tree();
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult first = backup(repo, source, new Recorder());
            Files.delete(source.resolve("sub/b.txt"));
            BackupResult deleted = backup(repo, source, new Recorder());
            Files.writeString(source.resolve("other/d.txt"), "new");
            BackupResult added = backup(repo, source, new Recorder());

            assertThat(names(repo, deleted, source.resolve("sub"))).containsExactly("a.txt");
            assertThat(names(repo, added, source.resolve("other"))).containsExactly("c.txt", "d.txt");
            assertThat(subtree(repo, added, source.resolve("sub"))).isEqualTo(subtree(repo, deleted, source.resolve("sub")));
            assertThat(subtree(repo, deleted, source)).isNotEqualTo(subtree(repo, first, source));
        }
    }

    @Test
    void aSplitDirectoryReusesItsUntouchedPartsAndRewritesTheOthers() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Path big = Files.createDirectories(source.resolve("big"));
        for (int i = 0; i < 3000; i++) {
            Files.writeString(big.resolve(String.format("f%05d", i)), "file " + i);
        }
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult first = backup(repo, source, new Recorder());
            List<String> partsBefore = parts(repo, subtree(repo, first, big));
            assertThat(partsBefore).hasSizeGreaterThan(1);
            BackupResult same = backup(repo, source, new Recorder());
            assertThat(subtree(repo, same, source)).isEqualTo(subtree(repo, first, source)); // the levels above may change

            Thread.sleep(20);
            Path changed = big.resolve("f00100"); // in the first part: always at least 64 nodes long
            FileTime mtime = Files.getLastModifiedTime(changed);
            Files.writeString(changed, "FILE 100"); // same size, same mtime: only the ctime tells
            Files.setLastModifiedTime(changed, mtime);
            Files.delete(big.resolve("f02999"));
            Recorder recorder = new Recorder();
            BackupResult result = backup(repo, source, recorder);

            assertThat(recorder.states).containsEntry(changed.toString(), BackupListener.FileState.CHANGED);
            List<String> partsAfter = parts(repo, subtree(repo, result, big));
            assertThat(partsAfter.getFirst()).isNotEqualTo(partsBefore.getFirst());
            assertThat(partsAfter.getLast()).isNotEqualTo(partsBefore.getLast());
            assertThat(partsAfter.subList(1, partsAfter.size() - 1)).isEqualTo(partsBefore.subList(1, partsBefore.size() - 1));
            Path target = tmp.resolve("target");
            restoreLatest(repo, target);
            dev.cairn.testkit.TreeAssert.assertSameTree(source, restored(target, source));
        }
    }

    private static List<String> parts(Repository repo, String treeId) throws IOException {
        return dev.cairn.engine.snapshot.Snapshots.loadTree(repo, treeId).parts();
    }

    private Path tree() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(source.resolve("sub"));
        Files.createDirectories(source.resolve("other"));
        Files.writeString(source.resolve("sub/a.txt"), "hello world");
        Files.writeString(source.resolve("sub/b.txt"), "unchanged b");
        Files.writeString(source.resolve("other/c.txt"), "unchanged c");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(source.resolve("sub/a.txt"), mode);
        return source;
    }

    private static BackupResult backup(Repository repo, Path source, BackupListener listener) throws IOException {
        return Archiver.create(repo, ArchiverOptions.defaults(), listener).run(List.of(source));
    }

    /** The node of {@code path} in the snapshot (walking down from the root tree). */
    private static Node node(Repository repo, BackupResult result, Path path) throws IOException {
        String tree = result.snapshot().tree();
        Node found = null;
        for (Path name : path.getRoot().relativize(path)) {
            TreeCursor c = TreeCursor.open(repo, tree);
            found = c.next();
            while (found != null && !found.name().equals(name.toString())) {
                found = c.next();
            }
            assertThat(found).as("%s in the snapshot", path).isNotNull();
            tree = found.subtree();
        }
        return found;
    }

    private static String subtree(Repository repo, BackupResult result, Path dir) throws IOException {
        return node(repo, result, dir).subtree();
    }

    private static List<String> names(Repository repo, BackupResult result, Path dir) throws IOException {
        TreeCursor c = TreeCursor.open(repo, subtree(repo, result, dir));
        List<String> out = new java.util.ArrayList<>();
        for (Node n = c.next(); n != null; n = c.next()) {
            out.add(n.name());
        }
        return out;
    }
}
