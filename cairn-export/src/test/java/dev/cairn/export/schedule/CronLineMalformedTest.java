package dev.cairn.export.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Cron lines that cron-utils rejects with an exception other than {@code IllegalArgumentException} (found by
 * {@link CronLineFuzzTest}: {@code 13 0 * * |-} threw ArrayIndexOutOfBoundsException, a 500 from the schedule form
 * and {@code PUT /api/v1/workspace/export/schedule}): a problem in the owner's words, like any other bad line.
 */
class CronLineMalformedTest {
    @Test
    void aFieldCronUtilsCannotSplitIsAProblem() {
        for (String line : new String[] {"13 0 * * |-", "13 0 * * |-\u0001", "0 0 * * -|"}) {
            CronLine.Result result = CronLine.parse(line);
            assertThat(result.line()).as(line).isNull();
            assertThat(result.problem()).as(line).contains("five fields");
        }
    }

    /** {@code |} made cron-utils build a composite line that it then cannot describe (found by the fuzzing suite). */
    @Test
    void aCompositeOfLinesIsAProblem() {
        CronLine.Result result = CronLine.parse("3 0 * * 000000000000000000|-");
        assertThat(result.line()).isNull();
        assertThat(result.problem()).contains("'|' is not part of a cron line");
        assertThat(CronLine.parse("3 0 * * 1|2").line()).isNull();
    }

    @Test
    void goodLinesStillParse() {
        assertThat(CronLine.parse("30 2 * * 1-5").line()).isNotNull();
    }
}
