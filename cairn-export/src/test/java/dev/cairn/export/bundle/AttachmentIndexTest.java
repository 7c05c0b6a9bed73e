package dev.cairn.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFixture;
import dev.cairn.server.db.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of attached files against the digests the server recorded at upload: an intact bundle passes (also
 * through {@link BundleCheck}), a file whose recorded digest differs from the bundle's and a file no line describes
 * are named.
 */
class AttachmentIndexTest {
    final ExportFixture f = new ExportFixture(Dialect.SQLITE).withData();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void anAttachedFileMustBeTheOneUploaded(@TempDir Path dir) throws Exception {
        ExportFixture.Unpacked bundle = f.bundle(List.of("jsonl"), false);
        for (var e : bundle.files().entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        assertThat(BundleCheck.problems(dir, ExportFixture.KEY.publicKey())).isEmpty();
        Manifest manifest = bundle.manifest();
        List<String> lines = Files.readAllLines(dir.resolve(AttachmentIndex.PATH), StandardCharsets.UTF_8);
        String first = lines.getFirst();
        String sha = first.replaceAll(".*\"sha256\":\"([0-9a-f]{64})\".*", "$1");
        String path = first.replaceAll(".*\"path\":\"([^\"]+)\".*", "$1");
        List<String> edited = new ArrayList<>(lines);
        edited.set(0, first.replace(sha, "0".repeat(64)));
        edited.remove(lines.size() - 1);
        Files.write(dir.resolve(AttachmentIndex.PATH), edited, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        AttachmentIndex.check(dir, manifest, problems);
        assertThat(problems).hasSize(2);
        assertThat(problems.getFirst()).startsWith(path + ": not the file that was uploaded");
        assertThat(problems.get(1)).endsWith("an attached file " + AttachmentIndex.PATH + " does not describe");
    }
}
