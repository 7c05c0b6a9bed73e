package dev.cairn.server.web;

import dev.cairn.server.runs.UsageHistory.Sample;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's chart of stored bytes over time, rendered on the server as an inline SVG (no script): an area under
 * the daily samples across the last {@code days} days, the quota as a dashed line when it is within sight, the largest
 * value and the first and last day as labels. Everything written into the markup is numbers, dates and byte sizes, so
 * nothing needs escaping. Stateless.
 */
public final class StoredBytesChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 80;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 28;

    private StoredBytesChart() {
    }

    /**
     * {@code samples} with today's point being {@code bytesNow}, the size as it is now (daily samples are taken once a
     * day, so a fresh account or repository would otherwise show an empty chart until tomorrow).
     */
    public static List<Sample> withToday(List<Sample> samples, LocalDate today, long bytesNow) {
        List<Sample> out = new java.util.ArrayList<>(samples.stream().filter(s -> s.day().isBefore(today)).toList());
        out.add(new Sample(today, bytesNow));
        return out;
    }

    /** The SVG element; {@code quotaBytes} null when unlimited; {@code today} is the last day of the axis. */
    public static String svg(List<Sample> samples, Long quotaBytes, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        long max = Math.max(1, samples.stream().mapToLong(Sample::storedBytes).max().orElse(0));
        boolean showQuota = quotaBytes != null && quotaBytes > 0 && quotaBytes <= max * 2;
        long top = showQuota ? Math.max(max, quotaBytes) : max;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg id=\"stored-chart\" role=\"img\" "
                + "aria-labelledby=\"stored-chart-title\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
                + "preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">", WIDTH, HEIGHT));
        svg.append("<title id=\"stored-chart-title\">Stored bytes per day from ").append(first).append(" to ")
                .append(today).append(samples.isEmpty() ? ": no samples yet" : ", largest " + Format.bytes(max))
                .append("</title>");
        axes(svg, top, first, today);
        if (showQuota) {
            double y = y(quotaBytes, top);
            svg.append(String.format(Locale.ROOT, "<line class=\"quota\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#b3261e\" stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
                    + "fill=\"#b3261e\">quota</text>", LEFT, WIDTH - RIGHT, y, y, WIDTH - RIGHT - 34, y - 4));
        }
        if (!samples.isEmpty()) {
            series(svg, samples, top, first, days);
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, long top, LocalDate first, LocalDate last) {
        int base = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<g font-size=\"11\" fill=\"#555\"><line x1=\"%d\" x2=\"%d\" y1=\"%d\" "
                + "y2=\"%d\" stroke=\"#999\"/><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0 B"
                + "</text><text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text></g>",
                LEFT, WIDTH - RIGHT, base, base, LEFT, LEFT, TOP, base, LEFT - 6, TOP + 10, Format.bytes(top),
                LEFT - 6, base, LEFT, HEIGHT - 8, first, WIDTH - RIGHT, HEIGHT - 8, last));
    }

    private static void series(StringBuilder svg, List<Sample> samples, long top, LocalDate first, int days) {
        StringBuilder line = new StringBuilder();
        double firstX = 0;
        double lastX = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            double x = x(s.day().toEpochDay() - first.toEpochDay(), days);
            double y = y(s.storedBytes(), top);
            line.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            firstX = i == 0 ? x : firstX;
            lastX = x;
        }
        int base = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<path class=\"area\" d=\"%s L%.1f %d L%.1f %d Z\" fill=\"#2f6fb3\" "
                + "fill-opacity=\"0.18\" stroke=\"none\"/>", line, lastX, base, firstX, base));
        svg.append("<path class=\"line\" d=\"").append(line).append("\" fill=\"none\" stroke=\"#2f6fb3\" "
                + "stroke-width=\"2\"/>");
        for (Sample s : samples) {
            svg.append(String.format(Locale.ROOT, "<circle class=\"sample\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" "
                    + "fill=\"#2f6fb3\"><title>%s: %s</title></circle>", x(s.day().toEpochDay() - first.toEpochDay(),
                            days), y(s.storedBytes(), top), s.day(), Format.bytes(s.storedBytes())));
        }
    }

    /**
     * A small line of the samples across the last {@code days} days (120 x 28, no axes) for a table row, titled with the
     * first and last value; a flat grey line when there are no samples.
     */
    public static String sparkline(List<Sample> samples, LocalDate today, int days) {
        int w = 120;
        int h = 28;
        LocalDate first = today.minusDays(days - 1L);
        long max = Math.max(1, samples.stream().mapToLong(Sample::storedBytes).max().orElse(0));
        String title = samples.isEmpty() ? "no size samples yet" : "size from " + Format.bytes(samples.getFirst()
                .storedBytes()) + " (" + samples.getFirst().day() + ") to " + Format.bytes(samples.getLast()
                .storedBytes()) + " (" + samples.getLast().day() + ")";
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"sparkline\" role=\"img\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s"
                + "</title>", w, h, w, h, title));
        if (samples.isEmpty()) {
            return svg.append(String.format(Locale.ROOT, "<line x1=\"0\" x2=\"%d\" y1=\"%d\" y2=\"%d\" "
                    + "stroke=\"#bbb\"/></svg>", w, h - 2, h - 2)).toString();
        }
        StringBuilder line = new StringBuilder();
        for (Sample s : samples) {
            long index = s.day().toEpochDay() - first.toEpochDay();
            double x = days <= 1 ? w - 2 : 2 + (w - 4.0) * index / (days - 1);
            double y = h - 2 - (h - 4.0) * s.storedBytes() / max;
            line.append(line.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        if (samples.size() == 1) {
            line.append(" h1");
        }
        return svg.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#2f6fb3\" stroke-width=\"2\"/>")
                .append("</svg>").toString();
    }

    private static double x(long dayIndex, int days) {
        double span = WIDTH - LEFT - RIGHT;
        return LEFT + (days <= 1 ? span : span * dayIndex / (days - 1));
    }

    private static double y(long bytes, long top) {
        double span = HEIGHT - TOP - BOTTOM;
        return HEIGHT - BOTTOM - span * bytes / top;
    }
}
