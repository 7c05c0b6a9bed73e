package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Display formats of sizes, times and the quota bar's arithmetic. */
class FormatTest {
    @Test
    void bytesUseIecUnitsWithOneDecimal() {
        assertThat(Format.bytes(0)).isEqualTo("0 B");
        assertThat(Format.bytes(1023)).isEqualTo("1023 B");
        assertThat(Format.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Format.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Format.bytes(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(Format.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
        assertThat(Format.exactBytes(1_234_567)).isEqualTo("1,234,567 bytes");
    }

    @Test
    void agesAreInWordsRoundedDown() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        assertThat(Format.age(now.minusSeconds(59), now, "never")).isEqualTo("just now");
        assertThat(Format.age(now.plusSeconds(600), now, "never")).isEqualTo("just now");
        assertThat(Format.age(now.minusSeconds(60), now, "never")).isEqualTo("1 minute ago");
        assertThat(Format.age(now.minusSeconds(59 * 60 + 59), now, "never")).isEqualTo("59 minutes ago");
        assertThat(Format.age(now.minusSeconds(3600), now, "never")).isEqualTo("1 hour ago");
        assertThat(Format.age(now.minusSeconds(47 * 3600 + 3599), now, "never")).isEqualTo("47 hours ago");
        assertThat(Format.age(now.minusSeconds(48 * 3600), now, "never")).isEqualTo("2 days ago");
        assertThat(Format.age(null, now, "never")).isEqualTo("never");
        assertThat(Format.query("a b&c")).isEqualTo("a+b%26c");
    }

    @Test
    void timesAreUtcAndAbsentTimesSayWhy() {
        Instant t = Instant.parse("2026-11-23T20:15:42Z");
        assertThat(Format.time(t, "never")).isEqualTo("2026-11-23 20:15 UTC");
        assertThat(Format.time(null, "never")).isEqualTo("never");
        assertThat(Format.iso(t)).isEqualTo("2026-11-23T20:15:42Z");
        assertThat(Format.iso(null)).isEmpty();
    }

    @Test
    void serviceMessagesBecomeSentences() {
        assertThat(Format.sentence("password must be 10-1024 characters long"))
                .isEqualTo("Password must be 10-1024 characters long.");
        assertThat(Format.sentence("Done.")).isEqualTo("Done.");
        assertThat(Format.sentence(null)).isEmpty();
    }

    @Test
    void quotaPercentIsFlooredAndCappedAndUnlimitedHasNone() {
        assertThat(new QuotaView(0, 1000L).percent()).isZero();
        assertThat(new QuotaView(999, 1000L).percent()).isEqualTo(99);
        assertThat(new QuotaView(999, 1000L).nearlyFull()).isTrue();
        assertThat(new QuotaView(1000, 1000L).full()).isTrue();
        assertThat(new QuotaView(1000, 1000L).nearlyFull()).isFalse();
        assertThat(new QuotaView(5000, 1000L).percent()).isEqualTo(100);
        assertThat(new QuotaView(Long.MAX_VALUE / 2, Long.MAX_VALUE).percent()).isEqualTo(50);
        assertThat(new QuotaView(0, 0L).percent()).isEqualTo(100);
        assertThat(new QuotaView(0, 0L).full()).isTrue();
        QuotaView unlimited = new QuotaView(123, null);
        assertThat(unlimited.limited()).isFalse();
        assertThat(unlimited.full()).isFalse();
        assertThat(unlimited.percent()).isZero();
        assertThat(unlimited.quotaText()).isEqualTo("unlimited");
    }
}
