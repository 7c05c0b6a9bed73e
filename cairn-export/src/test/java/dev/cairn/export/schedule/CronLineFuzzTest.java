package dev.cairn.export.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * The export schedule's cron parser ({@link CronLine#parse}, what the schedule form and {@code PUT .../schedule} take)
 * on hostile lines: it returns a line or a problem in the owner's words, never throws; a line it accepts has a next
 * run after any instant. Inputs: {@code CronLineFuzzTestInputs/parse/}.
 */
class CronLineFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void parse(FuzzedDataProvider data) {
        Instant after = Instant.ofEpochSecond(data.consumeLong(0, 4_102_444_800L)); // up to 2100
        CronLine.Result result = CronLine.parse(data.consumeRemainingAsString());
        assertThat(result.line() == null).isNotEqualTo(result.problem() == null);
        if (result.line() != null) {
            assertThat(result.line().next(after)).isAfter(after);
            assertThat(result.line().describe()).isNotBlank();
        }
    }
}
