package dev.cairn.export.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.export.ExportFixture;
import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.bundle.SigningKey;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.RecordInput;
import dev.cairn.workspace.snapshot.WorkspaceSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The manifest, its signature and checksums, and the cut: a write during the export is not in it. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class BundleTest {
    final ExportFixture f;

    BundleTest(Dialect dialect) {
        this.f = new ExportFixture(dialect).withData();
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theManifestListsEveryFileWithRowsAndIsSignedByTheKey(@TempDir Path dir) throws Exception {
        ExportFixture.Unpacked bundle = f.bundle(List.of("csv", "sqlite"), true);
        Manifest m = bundle.manifest();
        assertThat(m.cut()).isEqualTo(seq());
        assertThat(m.formats()).containsExactly("csv", "sqlite");
        assertThat(m.signature().publicKey()).isEqualTo(ExportFixture.KEY.publicKey());
        assertThat(m.files()).extracting(e -> e.path() + ":" + e.rows()).contains("csv/customers.csv:3",
                "csv/orders.csv:3", "sqlite/workspace.sqlite:9", "workspace/members.json:1", "csv/files.csv:3",
                "workspace/attachments.jsonl:3");
        assertThat(m.schema().toString()).contains("name=customer", "type=reference", "references=customers");
        unpack(bundle, dir);
        assertThat(BundleCheck.problems(dir, ExportFixture.KEY.publicKey())).isEmpty();

        assertThat(BundleCheck.problems(dir, SigningKey.generate(new SecureRandom()).publicKey()))
                .singleElement().asString().contains("signature does not match");
        Files.writeString(dir.resolve("csv/orders.csv"), "id,version\r\n");
        Files.writeString(dir.resolve("extra.txt"), "x");
        assertThat(BundleCheck.problems(dir, ExportFixture.KEY.publicKey()))
                .containsExactly("csv/orders.csv: its bytes do not match the manifest's SHA-256 and size",
                        "extra.txt: not in the manifest");
        byte[] manifest = Files.readAllBytes(dir.resolve(Manifest.PATH));
        manifest[manifest.length / 2] ^= 1;
        Files.write(dir.resolve(Manifest.PATH), manifest);
        assertThat(BundleCheck.problems(dir, ExportFixture.KEY.publicKey()))
                .singleElement().asString().contains("signature does not match");
    }

    @Test
    void aFileDamagedInTheAttachmentStoreFailsTheExport() throws Exception {
        String id = f.uploaded.keySet().iterator().next();
        Path blob;
        try (var files = Files.walk(Path.of(f.stores.root()))) {
            blob = files.filter(p -> p.getFileName().toString().equals(id)).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 1;
        blob.toFile().setWritable(true);
        Files.write(blob, bytes);
        assertThatThrownBy(() -> f.bundle(List.of("csv"), false)).hasMessageContaining("is damaged in the "
                + "attachment store").hasMessageContaining(id);
    }

    @Test
    void aWriteCommittedWhileTheSnapshotIsOpenIsNotInIt() {
        long before = seq();
        var seen = new WorkspaceSnapshots(f.db.reads(), f.schema).read(f.ann.workspaceId(), s -> {
            f.ws.records().create(f.ann, "customers", RecordInput.of(Map.of("name", new Value.Text("late"))));
            long[] rows = {0};
            s.rows(s.tables().stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow(),
                    r -> rows[0]++);
            return new long[] {s.seq(), rows[0]};
        });
        assertThat(seen).containsExactly(before, 3);
        assertThat(seq()).isEqualTo(before + 1);
    }

    private long seq() {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM workspaces WHERE id = :w")
                .bind("w", f.ann.workspaceId()).mapTo(Long.class).one());
    }

    private static void unpack(ExportFixture.Unpacked bundle, Path dir) throws Exception {
        for (var e : bundle.files().entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }
}
