package dev.cairn.export.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next run of each kind of interval, and what a setting that makes no sense is told. */
class IntervalTest {
    private static final Instant THURSDAY_3AM = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void theNextRunIsStrictlyAfterNow() {
        assertThat(Interval.hours(6).next(THURSDAY_3AM)).isEqualTo("2025-01-02T09:04:05Z");
        assertThat(Interval.daily(LocalTime.of(2, 30)).next(THURSDAY_3AM)).isEqualTo("2025-01-03T02:30:00Z");
        assertThat(Interval.daily(LocalTime.of(4, 0)).next(THURSDAY_3AM)).isEqualTo("2025-01-02T04:00:00Z");
        assertThat(Interval.daily(LocalTime.of(2, 30)).next(Instant.parse("2025-01-03T02:30:00Z")))
                .isEqualTo("2025-01-04T02:30:00Z");
        assertThat(Interval.weekly(DayOfWeek.MONDAY, LocalTime.of(1, 0)).next(THURSDAY_3AM))
                .isEqualTo("2025-01-06T01:00:00Z");
        assertThat(Interval.weekly(DayOfWeek.THURSDAY, LocalTime.of(3, 0)).next(THURSDAY_3AM))
                .isEqualTo("2025-01-09T03:00:00Z");
        assertThat(Interval.weekly(DayOfWeek.THURSDAY, LocalTime.of(5, 0)).next(THURSDAY_3AM))
                .isEqualTo("2025-01-02T05:00:00Z");
    }

    @Test
    void settingsAreCheckedInTheOwnersWords() {
        assertThat(problem(new ScheduleSetting(null, null, null, null, null, null, null))).contains("say how often");
        assertThat(problem(new ScheduleSetting("month", null, null, null, null, null, null))).contains("not 'month'");
        assertThat(problem(new ScheduleSetting("hours", 0, null, null, null, null, null))).contains("1 to 168");
        assertThat(problem(new ScheduleSetting("hours", 2, "02:00", null, null, null, null))).contains("hours only");
        assertThat(problem(new ScheduleSetting("day", null, "2:30", null, null, null, null))).contains("HH:MM");
        assertThat(problem(new ScheduleSetting("day", null, "25:00", null, null, null, null))).contains("HH:MM");
        assertThat(problem(new ScheduleSetting("day", null, "02:30", "monday", null, null, null))).contains("weekly");
        assertThat(problem(new ScheduleSetting("week", null, "02:30", "someday", null, null, null)))
                .contains("day of the week");
        assertThat(new ScheduleSetting("week", null, "02:30", "Friday", List.of(), null, null).check().interval())
                .isEqualTo(Interval.weekly(DayOfWeek.FRIDAY, LocalTime.of(2, 30)));
        assertThat(new ScheduleSetting("day", null, "02:30", null, null, 0, null).retentionProblem()).isPresent();
        assertThat(new ScheduleSetting("day", null, "02:30", null, null, null, 4000).retentionProblem()).isPresent();
        assertThat(new ScheduleSetting("day", null, "02:30", null, null, null, null).retentionProblem()).isEmpty();
    }

    private static String problem(ScheduleSetting s) {
        ScheduleSetting.Result r = s.check();
        assertThat(r.interval()).isNull();
        return r.problem();
    }
}
