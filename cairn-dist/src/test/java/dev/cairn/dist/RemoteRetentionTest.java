package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository under a retention lock: even a full token's forget --prune deletes nothing, and says why. */
class RemoteRetentionTest {
    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
        f.env.put("CAIRN_TOKEN", f.fullToken);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void forgetAndPruneWithAFullTokenAreRefusedByTheRetentionLockAndNothingIsLost() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        String repo = f.repo("vault");
        f.ok("init", "-r", repo);
        Files.writeString(source.resolve("a.txt"), "first version\n");
        f.ok("backup", "-r", repo, source.toString());
        Files.writeString(source.resolve("a.txt"), "second version\n");
        f.ok("backup", "-r", repo, source.toString());
        f.server.core().retention().set(f.accountId, "vault", 30, () -> { });

        RemoteFixture.Result r = f.run("forget", "-r", repo, "--keep-last", "1", "--prune");

        assertThat(r.code()).as("%s", r).isEqualTo(ExitCodes.FATAL);
        assertThat(r.err()).contains("keeps objects for 30 days after their arrival").contains("cannot be deleted before")
                .doesNotContain("\tat ");
        assertThat(new ObjectMapper().readTree(f.ok("snapshots", "-r", repo, "--json").out())).as("both snapshots").hasSize(2);
        f.ok("check", "-r", repo, "--read-data");
    }
}
