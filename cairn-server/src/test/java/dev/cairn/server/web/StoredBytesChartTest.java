package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.runs.UsageHistory.Sample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server-rendered chart: points placed by day and value, the quota line only when in sight, no samples drawn as axes only. */
class StoredBytesChartTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    private static final Pattern POINT = Pattern.compile("<circle class=\"sample\" cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"");

    private static List<double[]> points(String svg) {
        List<double[]> out = new ArrayList<>();
        Matcher m = POINT.matcher(svg);
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }

    @Test
    void pointsRiseWithTheBytesAndMoveRightWithTheDays() {
        String svg = StoredBytesChart.svg(List.of(new Sample(TODAY.minusDays(9), 0),
                new Sample(TODAY.minusDays(5), 500), new Sample(TODAY, 1000)), null, TODAY, 10);
        List<double[]> p = points(svg);
        assertThat(p).hasSize(3);
        assertThat(p.get(0)[0]).isLessThan(p.get(1)[0]);
        assertThat(p.get(1)[0]).isLessThan(p.get(2)[0]);
        assertThat(p.get(0)[1]).isGreaterThan(p.get(1)[1]); // SVG y grows downwards
        assertThat(p.get(1)[1]).isGreaterThan(p.get(2)[1]);
        double middle = (p.get(0)[1] + p.get(2)[1]) / 2;
        assertThat(p.get(1)[1]).isCloseTo(middle, org.assertj.core.data.Offset.offset(0.2));
        assertThat(p.get(2)[0]).isEqualTo(StoredBytesChart.WIDTH - 16.0);
        assertThat(svg).contains("2026-11-27", "2026-12-06", "1000 B").doesNotContain("class=\"quota\"");
    }

    @Test
    void theQuotaLineShowsWhenTheQuotaIsWithinTwiceTheLargestValue() {
        List<Sample> one = List.of(new Sample(TODAY, 600));
        assertThat(StoredBytesChart.svg(one, 1000L, TODAY, 7)).contains("class=\"quota\"");
        assertThat(StoredBytesChart.svg(one, 10_000L, TODAY, 7)).doesNotContain("class=\"quota\"");
    }

    @Test
    void noSamplesDrawAxesAndSaySo() {
        String svg = StoredBytesChart.svg(List.of(), null, TODAY, 7);
        assertThat(points(svg)).isEmpty();
        assertThat(svg).contains("no samples yet").doesNotContain("<path");
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
    }
}
