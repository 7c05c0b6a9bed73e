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
