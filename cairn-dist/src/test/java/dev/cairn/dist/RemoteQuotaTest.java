package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.agent.cli.ExitCodes;
import dev.cairn.testkit.DeterministicRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full quota mid-backup: the server's message and exit code; raise it and the rerun re-uses what was stored. */
class RemoteQuotaTest {
    private static final int MIB = 1 << 20;
    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void quotaFullMidBackupThenRaisedAndTheRerunReusesStoredPacks() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 5; i++) {
            Files.write(source.resolve("part" + i + ".bin"), DeterministicRandom.bytes(40 + i, 10 * MIB));
        }
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        f.server.core().accounts().setQuota(RemoteFixture.ACCOUNT, 30L * MIB);
        RemoteFixture.Result full = f.run("backup", "-r", repo, source.toString());
        assertThat(full.code()).as("%s", full).isEqualTo(ExitCodes.QUOTA_EXCEEDED);
        assertThat(full.err()).containsIgnoringCase("quota").doesNotContain("\tat ");
        long before = f.ingress();

        f.server.core().accounts().setQuota(RemoteFixture.ACCOUNT, 1024L * MIB);
        f.ok("backup", "-r", repo, source.toString());
        long resent = f.ingress() - before;
        assertThat(before).as("bytes the refused run had stored: at least one whole pack").isGreaterThanOrEqualTo(16L * MIB);
        // The rerun sends only what the server lacked (50 MiB of source less what was stored) plus pack headers,
        // the index and the snapshot; sending a stored pack again would exceed this by 16 MiB.
        assertThat(resent)
                .as("bytes sent by the rerun; the first run had stored %d", before)
                .isLessThanOrEqualTo(50L * MIB - before + MIB);
        f.ok("check", "-r", repo, "--read-data");
    }
}
