package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The HTTP half of the training workload reaches its throwaway server with every request it means to train. */
class HttpTrainingTest {
    @Test
    void everyRequestIsAnswered() throws Exception {
        // probe, put, ranged read, list, delete; lease acquire, renew, list, release
        assertThat(HttpTraining.run()).isEqualTo(9);
    }
}
