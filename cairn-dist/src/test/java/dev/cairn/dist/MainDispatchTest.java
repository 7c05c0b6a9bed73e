package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution main sends {@code server …} to the server and everything else to the agent, in a real JVM. */
class MainDispatchTest {
    @TempDir
    Path dir;

    @Test
    void serverSubcommandRunsTheServerCli() throws Exception {
        Result r = run("server", "account", "list", "--data-dir", dir.toString());
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("NAME").contains("STATUS").doesNotContain("Exception");
    }

    @Test
    void agentCommandsDoNotLoadServerClasses() throws Exception {
        Result r = run("-Xlog:class+load=info", "version");
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("dev.cairn.agent").doesNotContain("dev.cairn.server");
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path")));
        int i = 0;
        if (args[0].startsWith("-X")) {
            cmd.add(args[i++]);
        }
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args).subList(i, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return new Result(p.exitValue(), out);
    }
}
