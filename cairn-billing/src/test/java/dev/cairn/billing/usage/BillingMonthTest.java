package dev.cairn.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Billing months in a time zone: lengths across leap years and daylight-saving changes, boundaries per zone. */
class BillingMonthTest {
    private static final long DAY = 86_400_000L;

    @Test
    void lengthsFollowTheCalendarAndTheZonesClockChanges() {
        assertThat(BillingMonth.of(YearMonth.of(2028, 2), ZoneId.of("UTC")).lengthMillis()).isEqualTo(29 * DAY);
        assertThat(BillingMonth.of(YearMonth.of(2027, 2), ZoneId.of("UTC")).lengthMillis()).isEqualTo(28 * DAY);
        // Berlin: clocks go forward on the last Sunday of March and back on the last Sunday of October
        assertThat(BillingMonth.of(YearMonth.of(2027, 3), ZoneId.of("Europe/Berlin")).lengthMillis())
                .isEqualTo(31 * DAY - 3_600_000L);
        assertThat(BillingMonth.of(YearMonth.of(2027, 10), ZoneId.of("Europe/Berlin")).lengthMillis())
                .isEqualTo(31 * DAY + 3_600_000L);
    }

    @Test
    void theSameInstantFallsInDifferentMonthsInDifferentZones() {
        Instant newYearInTokyo = Instant.parse("2026-12-31T15:30:00Z");
        assertThat(BillingMonth.containing(newYearInTokyo, ZoneId.of("Asia/Tokyo")).toString()).isEqualTo("2027-01");
        assertThat(BillingMonth.containing(newYearInTokyo, ZoneId.of("UTC")).toString()).isEqualTo("2026-12");
        BillingMonth tokyo = BillingMonth.parse("2027-01", ZoneId.of("Asia/Tokyo"));
        assertThat(Instant.ofEpochMilli(tokyo.startMillis())).isEqualTo(Instant.parse("2026-12-31T15:00:00Z"));
        assertThat(tokyo.previous().toString()).isEqualTo("2026-12");
    }

    @Test
    void aBadMonthIsRefusedInTheUsersWords() {
        assertThatThrownBy(() -> BillingMonth.parse("2027-13", ZoneId.of("UTC")))
                .hasMessage("'2027-13' is not a month such as 2026-03 (YYYY-MM)");
    }
}
