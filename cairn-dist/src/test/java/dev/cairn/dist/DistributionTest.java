package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.agent.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The distribution's entry point answers on the classpath the shaded jar is built from. */
class DistributionTest {
    @Test
    void versionCommandRunsFromTheDistributionClasspath() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"version"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("cairn ");
    }

    @Test
    void theDistributionHasExactlyOneLoggingProviderLogback() {
        // two providers made SLF4J pick the no-op one, and the server's logs vanished
        java.util.List<String> providers = java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).stream()
                .map(p -> p.type().getName()).toList();
        assertThat(providers).containsExactly("ch.qos.logback.classic.spi.LogbackServiceProvider");
    }

    @Test
    void noticeNamesEveryBundledThirdPartyArtifact() throws Exception {
        java.nio.file.Path listing = java.nio.file.Path.of("target/bundled-artifacts.txt");
        java.util.List<String> bundled = java.nio.file.Files.readAllLines(listing).stream()
                .map(String::strip).filter(l -> l.matches("[^:\\s]+:[^:\\s]+:.*"))
                .map(l -> l.split(":")[0] + ":" + l.split(":")[1]).toList();
        assertThat(bundled).as("the build's list of bundled artifacts").hasSizeGreaterThan(50)
                .contains("io.javalin:javalin", "org.bouncycastle:bcprov-jdk18on");
        String notice = java.nio.file.Files.readString(java.nio.file.Path.of("../NOTICE"));
        assertThat(bundled).as("NOTICE lists them (scripts/third-party-licenses.py)")
                .allSatisfy(artifact -> assertThat(notice).contains("| " + artifact + " |"));
    }
}
