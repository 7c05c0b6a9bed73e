package dev.cairn.export.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFixture;
import dev.cairn.export.build.BundleBuilder;
import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.server.db.Dialect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escrow (docs/spec/export-format.md §9): a bundle asked for with the software carries the jar and the source archive
 * byte for byte, checksums {@code sha256sum -c} accepts, and ESCROW.md; the signed manifest covers them; a jar without
 * its source archive beside it is no software.
 */
class EscrowBundleTest {
    @TempDir
    Path dir;
    final ExportFixture f = new ExportFixture(Dialect.SQLITE).withData();

    @AfterEach
    void close() {
        f.close();
    }

    private Software software() throws Exception {
        Path dist = Files.createDirectories(dir.resolve("dist"));
        byte[] jar = new byte[300_000];
        byte[] sources = new byte[120_000];
        new Random(7).nextBytes(jar);
        new Random(8).nextBytes(sources);
        Files.write(dist.resolve("cairn.jar"), jar);
        Files.write(dist.resolve(Software.SOURCES_NAME), sources);
        return Software.beside(dist.resolve("cairn.jar"), "9.8.7").orElseThrow();
    }

    @Test
    void theSoftwareTravelsByteForByteCoveredByTheSignedManifest() throws Exception {
        Software software = software();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.builder().build(new BundleBuilder.Request(f.ann.workspaceId(), List.of("jsonl"), false, null, software),
                ExportFixture.KEY, out);
        ExportFixture.Unpacked bundle = ExportFixture.Unpacked.of(out.toByteArray());

        assertThat(bundle.files().get(EscrowFiles.JAR)).isEqualTo(Files.readAllBytes(software.jar()));
        assertThat(bundle.files().get(EscrowFiles.SOURCES)).isEqualTo(Files.readAllBytes(software.sources()));
        String sums = new String(bundle.files().get(EscrowFiles.SUMS), StandardCharsets.UTF_8);
        assertThat(sums).isEqualTo(sha256(software.jar()) + "  cairn.jar\n" + sha256(software.sources())
                + "  cairn-src.tar.gz\n");
        String guide = new String(bundle.files().get(EscrowFiles.GUIDE), StandardCharsets.UTF_8);
        assertThat(guide).contains("version **9.8.7**", "server --offline --from-copy .", "cd cairn-9.8.7",
                "sha256sum -c SHA256SUMS").doesNotContain("{{");
        Manifest m = bundle.manifest();
        assertThat(m.files()).extracting(e -> e.path()).contains(EscrowFiles.JAR, EscrowFiles.SOURCES,
                EscrowFiles.SUMS, EscrowFiles.GUIDE);

        Path unpacked = dir.resolve("copy");
        for (var e : bundle.files().entrySet()) {
            Path p = unpacked.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        assertThat(BundleCheck.problems(unpacked, ExportFixture.KEY.publicKey())).isEmpty();
        Process check = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS")
                .directory(unpacked.resolve("software").toFile()).redirectErrorStream(true).start();
        assertThat(check.waitFor()).as(new String(check.getInputStream().readAllBytes())).isZero();

        byte[] jar = Files.readAllBytes(unpacked.resolve(EscrowFiles.JAR));
        jar[1000] ^= 1;
        Files.write(unpacked.resolve(EscrowFiles.JAR), jar);
        assertThat(BundleCheck.problems(unpacked, ExportFixture.KEY.publicKey()))
                .singleElement().asString().startsWith(EscrowFiles.JAR);
    }

    @Test
    void withoutTheSoftwareTheBundleHasNoneOfItsFiles() {
        ExportFixture.Unpacked bundle = f.bundle(List.of("jsonl"), false);
        assertThat(bundle.files().keySet()).noneMatch(p -> p.startsWith("software/") || p.equals(EscrowFiles.GUIDE));
    }

    @Test
    void aJarWithoutItsSourceArchiveOrAClassOutsideAJarIsNoSoftware() throws Exception {
        Path lone = Files.createDirectories(dir.resolve("lone"));
        Files.write(lone.resolve("cairn.jar"), new byte[10]);
        assertThat(Software.beside(lone.resolve("cairn.jar"), "1")).isEmpty();
        assertThat(Software.of(EscrowBundleTest.class, "1")).as("test classes come from a directory").isEmpty();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
