package dev.cairn.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class PatientChargeTest {
    private final List<Duration> slept = new ArrayList<>();
    private final PatientCharge charge = new PatientCharge(PatientCharge.POLICY, slept::add);

    private static RuntimeException noConnection() {
        return new ConnectionException(new SQLTransientConnectionException(
                "cairn-db - Connection is not available, request timed out after 5001ms"));
    }

    @Test
    void aChargeThatCouldNotGetAConnectionIsRepeatedUntilItLands() {
        int[] calls = {0};
        charge.run(() -> {
            if (++calls[0] <= 2) {
                throw noConnection();
            }
        });
        assertThat(calls[0]).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aDatabaseThatStaysAwayFailsTheChargeAfterTheLastAttempt() {
        int[] calls = {0};
        assertThatThrownBy(() -> charge.run(() -> {
            calls[0]++;
            throw noConnection();
        })).isInstanceOf(ConnectionException.class);
        assertThat(calls[0]).isEqualTo(PatientCharge.POLICY.maxAttempts());
        assertThat(slept).hasSize(PatientCharge.POLICY.maxAttempts() - 1).last().isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aConnectionLostMidTransactionIsNotRepeatedSinceItsCommitMayHaveLanded() {
        int[] calls = {0};
        assertThatThrownBy(() -> charge.run(() -> {
            calls[0]++;
            throw new UnableToExecuteStatementException(new SQLException("An I/O error occurred", "08006"), null);
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void otherFailuresAreThrownAtOnce() {
        int[] calls = {0};
        assertThatThrownBy(() -> charge.run(() -> {
            calls[0]++;
            throw new IllegalStateException("quota row missing");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls[0]).isEqualTo(1);
    }
}
