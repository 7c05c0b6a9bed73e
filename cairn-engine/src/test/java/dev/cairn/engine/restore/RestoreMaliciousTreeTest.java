package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a malicious snapshot cannot write outside the target")
class RestoreMaliciousTreeTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a listing in parts must be strictly ascending: a repeated or out-of-order name in a later part is refused")
    void splitListingsAreStrictlyAscending() throws IOException {
        TestRepo t = new TestRepo();
        SnapshotRef snap;
        try (WriteSession s = t.repo.newWriteSession()) {
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            List<String> content = List.of(TestRepo.saveData(s, data));
            String inner = TestRepo.saveTree(s, List.of(TestRepo.fileNode("inner.txt", content, data.length)));
            String first = TestRepo.saveTree(s, List.of(TestRepo.fileNode("a", content, data.length),
                    TestRepo.linkNode("m", tmp.resolve("outside").toString())));
            String second = TestRepo.saveTree(s, List.of(TestRepo.dirNode("m", inner), TestRepo.fileNode("b", content, data.length),
                    TestRepo.fileNode("z", content, data.length)));
            String top = s.saveBlob(dev.cairn.engine.id.BlobType.TREE, dev.cairn.engine.format.Json.write(
                    new dev.cairn.engine.snapshot.Tree(List.of(), List.of(first, second)))).id().hex();
            snap = t.commit(s, top, "/");
        }
        Path target = tmp.resolve("target");
        Files.createDirectories(tmp.resolve("outside"));
        RecordingListener listener = new RecordingListener();

        RestoreResult result = Restorer.create(t.repo, RestoreOptions.defaults(), listener).restore(snap, target);

        assertThat(listing(tmp)).containsExactlyInAnyOrder("outside", "target", "target/a", "target/m", "target/z");
        assertThat(Files.isSymbolicLink(target.resolve("m"))).isTrue();
        assertThat(listener.errors).containsOnlyKeys("/m", "/b");
        assertThat(listener.errors.get("/m")).hasMessageContaining("two nodes are named 'm'");
        assertThat(listener.errors.get("/b")).hasMessageContaining("out of order");
        assertThat(result.files()).isEqualTo(2);
    }

    @Test
    @DisplayName("names '..', '.', '', with '/' or NUL, and repeated names are refused; the rest is restored")
    void refusesBadNames() throws IOException {
        TestRepo t = new TestRepo();
        SnapshotRef snap;
        try (WriteSession s = t.repo.newWriteSession()) {
            byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);
            List<String> content = List.of(TestRepo.saveData(s, evil));
            Node bad = TestRepo.fileNode("..", content, evil.length);
            String inner = TestRepo.saveTree(s, List.of(bad, TestRepo.fileNode("good.txt", content, evil.length)));
            String root = TestRepo.saveTree(s, List.of(
                    TestRepo.fileNode("", content, evil.length),
                    TestRepo.fileNode(".", content, evil.length),
                    TestRepo.dirNode("..", inner),
                    TestRepo.fileNode("../escape", content, evil.length),
                    TestRepo.fileNode("/abs", content, evil.length),
                    TestRepo.fileNode("nul\0x", content, evil.length),
                    TestRepo.linkNode("dup", tmp.resolve("outside").toString()),
                    TestRepo.dirNode("dup", inner),
                    TestRepo.dirNode("ok", inner)));
            snap = t.commit(s, root, "/");
        }
        Path target = tmp.resolve("target");
        Files.createDirectories(tmp.resolve("outside"));
        RecordingListener listener = new RecordingListener();

        RestoreResult result = Restorer.create(t.repo, RestoreOptions.defaults(), listener).restore(snap, target);

        assertThat(listing(tmp)).containsExactlyInAnyOrder("outside", "target", "target/dup", "target/ok", "target/ok/good.txt");
        assertThat(Files.isSymbolicLink(target.resolve("dup"))).isTrue();
        assertThat(target.resolve("ok/good.txt")).hasContent("evil");
        assertThat(listener.errors).hasSize(8).allSatisfy((path, e) -> assertThat(e).isInstanceOf(CorruptDataException.class));
        assertThat(listener.errors).containsKeys("/..", "/ok/..", "/dup", "/../escape");
        assertThat(result.errors()).isEqualTo(8);
        assertThat(result.files()).isEqualTo(1);
    }

    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).toList();
        }
    }
}
