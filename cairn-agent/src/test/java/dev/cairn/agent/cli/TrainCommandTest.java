package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's training workload (for the JVM's ahead-of-time cache) runs every command it uses and succeeds. */
class TrainCommandTest {
    @Test
    void trainingRunSucceedsAndStaysHidden() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"train"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("stderr: %s", err).isZero();
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        Cli.run(new String[] {"--help"}, Map.of(), new PrintStream(help, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("backup").doesNotContain("train");
    }

    @Test
    void theShortCommandsTrainingReadsARepositoryAChildProcessMade() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"train", "--short"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("every step").isEmpty();
    }

    @Test
    void theDaemonsTrainingRunsASetTwiceAndSucceeds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"train", "--daemon"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("stderr: %s", err).isZero();
    }
}
