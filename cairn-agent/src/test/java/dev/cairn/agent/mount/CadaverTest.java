package dev.cairn.agent.mount;

import dev.cairn.testkit.DebianPackages;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cadaver (Debian's command-line WebDAV client, driven through its stdin) browses, downloads, and is refused every write. */
@DisplayName("cadaver browses and downloads; its writes are refused")
class CadaverTest {
    @TempDir
    Path tmp;

    @Test
    void browseGetAndRefusedWrites() throws Exception {
        DebianPackages.ensure("cadaver", "cadaver");
        try (MountFixture fx = MountFixture.create(tmp, 3 << 20).serve()) {
            Path got = tmp.resolve("got.bin");
            String src = fx.firstSourcePath();
            String script = String.join("\n", "ls " + src + "/", "get " + src + "/big.bin " + got, "mkcol /snapshots/new",
                    "put " + fx.source.resolve("notes.txt") + " /latest/uploaded.txt", "delete " + src + "/notes.txt",
                    "move " + src + "/notes.txt /latest/moved.txt", "quit", "");
            String out = cadaver(fx.url() + "/", script);
            assertThat(out).contains("big.bin").contains("notes.txt").contains("docs");
            assertThat(Files.mismatch(got, fx.big)).isEqualTo(-1L);
            assertThat(out.split("405 Method Not Allowed", -1)).hasSize(5); // mkcol, put, delete, move
            assertThat(fx.problems).isEmpty();
        }
    }

    private static String cadaver(String url, String script) throws Exception {
        Path in = Files.createTempFile("cadaver", ".txt");
        try {
            Files.writeString(in, script);
            Process p = new ProcessBuilder("cadaver", url).redirectErrorStream(true).redirectInput(in.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
            return out;
        } finally {
            Files.deleteIfExists(in);
        }
    }
}
