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
        assertThat(problem(ScheduleSetting.of(null, null, null, null, null, null, null))).contains("say how often");
        assertThat(problem(ScheduleSetting.of("month", null, null, null, null, null, null))).contains("not 'month'");
        assertThat(problem(ScheduleSetting.of("hours", 0, null, null, null, null, null))).contains("1 to 168");
        assertThat(problem(ScheduleSetting.of("hours", 2, "02:00", null, null, null, null))).contains("hours only");
        assertThat(problem(ScheduleSetting.of("day", null, "2:30", null, null, null, null))).contains("HH:MM");
        assertThat(problem(ScheduleSetting.of("day", null, "25:00", null, null, null, null))).contains("HH:MM");
        assertThat(problem(ScheduleSetting.of("day", null, "02:30", "monday", null, null, null))).contains("weekly");
        assertThat(problem(ScheduleSetting.of("week", null, "02:30", "someday", null, null, null)))
                .contains("day of the week");
        assertThat(ScheduleSetting.of("week", null, "02:30", "Friday", List.of(), null, null).check().interval())
                .isEqualTo(Interval.weekly(DayOfWeek.FRIDAY, LocalTime.of(2, 30)));
        assertThat(ScheduleSetting.of("day", null, "02:30", null, null, 0, null).problem()).isPresent();
        assertThat(ScheduleSetting.of("day", null, "02:30", null, null, null, 4000).problem()).isPresent();
        assertThat(ScheduleSetting.of("day", null, "02:30", null, null, null, null).problem()).isEmpty();
    }

    @Test
    void cronLinesAreUnixFiveFieldLinesInUtcAtMostHourly() {
        Instant thursday3am = Instant.parse("2025-01-02T03:04:05Z");
        CronLine weekdays = CronLine.parse("30  2 * * 1-5").line();
        assertThat(weekdays.text()).isEqualTo("30 2 * * 1-5");
        assertThat(weekdays.next(thursday3am)).isEqualTo("2025-01-03T02:30:00Z");
        assertThat(weekdays.next(Instant.parse("2025-01-03T02:30:00Z"))).isEqualTo("2025-01-06T02:30:00Z");
        assertThat(CronLine.parse("0 */6 * * *").line().next(thursday3am)).isEqualTo("2025-01-02T06:00:00Z");
        assertThat(CronLine.parse("15 4 1 * *").line().next(thursday3am)).isEqualTo("2025-02-01T04:15:00Z");
        assertThat(weekdays.describe()).isNotBlank();

        assertThat(CronLine.parse("* * * * *").problem()).contains("at most once an hour");
        assertThat(CronLine.parse("0,30 * * * *").problem()).contains("at most once an hour");
        assertThat(CronLine.parse("30 2 * *").problem()).contains("five fields", "has 4");
        assertThat(CronLine.parse("30 25 * * *").problem()).contains("is not one");
        assertThat(CronLine.parse("30 2 31 2 *").problem()).contains("never runs");
        assertThat(CronLine.parse(null).problem()).contains("five fields");
        assertThat(problem(new ScheduleSetting("cron", null, null, null, "nonsense", null, null, null, null, null,
                null))).contains("five fields");
        assertThat(problem(new ScheduleSetting("day", null, "02:00", null, "0 2 * * *", null, null, null, null, null,
                null))).contains("cron schedules only");
        assertThat(new ScheduleSetting("cron", null, null, null, "0 2 * * *", null, null, null, null, null, null)
                .check().interval()).isEqualTo(Interval.cron(CronLine.parse("0 2 * * *").line()));
    }

    @Test
    void modeAndChainLengthAreChecked() {
        assertThat(new ScheduleSetting("day", null, "02:00", null, null, null, null, null, null, "sometimes", null)
                .problem().orElseThrow()).contains("full or incremental");
        assertThat(new ScheduleSetting("day", null, "02:00", null, null, null, null, null, null, null, 3)
                .problem().orElseThrow()).contains("incremental schedules only");
        assertThat(new ScheduleSetting("day", null, "02:00", null, null, null, null, null, null, "incremental", 0)
                .problem().orElseThrow()).contains("1 to 100");
        var ok = new ScheduleSetting("day", null, "02:00", null, null, null, null, null, false, "incremental", null);
        assertThat(ok.problem()).isEmpty();
        assertThat(ok.modeOrDefault()).isEqualTo(ExportMode.INCREMENTAL);
        assertThat(ok.fullEveryOrDefault()).isEqualTo(ScheduleSetting.FULL_EVERY);
        assertThat(ok.historyOrDefault()).isFalse();
    }

    private static String problem(ScheduleSetting s) {
        ScheduleSetting.Result r = s.check();
        assertThat(r.interval()).isNull();
        return r.problem();
    }
}
