package dev.cairn.agent.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Draws one progress line that fits the terminal's width: the pieces that matter most (percent, amount done of the total,
 * elapsed time, files) are kept on a narrow terminal, the rest (ETA, phase, task name, speed, bar) are added in that order
 * while they fit (a phase such as "writing snapshot…" before the file count), and the line is padded to the width so a shorter redraw leaves nothing behind. It is never wider than
 * the terminal, so it never wraps. The elapsed time is always shown, so the line visibly moves while a slow step (saving
 * the index, writing the snapshot) runs. Pieces of the extra message are separated by {@code ", "}: the first is the file
 * count, later ones (a phase, an error count) come after the ETA in priority.
 */
final class ProgressLine implements ProgressBarRenderer {
    private static final int MIN_BAR = 10;
    /** The place of the extra message's first piece; its pieces are joined by ", " as the message had them. */
    private static final int EXTRA = 10;
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private final boolean bytes;

    /** @param bytes whether the counters are bytes (else items) */
    ProgressLine(boolean bytes) {
        this.bytes = bytes;
    }

    /** One piece of the line: its place from the left, and its rank (lower is kept first). */
    private record Piece(int place, int rank, String text) {
    }

    @Override
    public String render(ProgressState state, int maxLength) {
        int width = maxLength <= 0 ? 80 : maxLength;
        long current = state.getCurrent();
        long max = state.getMax();
        boolean known = !state.isIndefinite() && max > 0;
        double elapsed = state.getElapsedAfterStart().toMillis() / 1000.0;
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new Piece(0, 6, state.getTaskName()));
        if (known) {
            pieces.add(new Piece(1, 0, String.format(Locale.ROOT, "%3d%%", Math.min(100, current * 100 / max))));
        }
        pieces.add(new Piece(3, 1, known ? amount(current, max) : amount(current, -1)));
        pieces.add(new Piece(4, 2, Formats.duration(elapsed)));
        String[] extra = state.getExtraMessage() == null ? new String[0] : state.getExtraMessage().strip().split(", ");
        for (int i = 0; i < extra.length; i++) {
            if (!extra[i].isBlank()) {
                pieces.add(new Piece(EXTRA + i, extra[i].endsWith("…") ? 3 : i == 0 ? 4 : 5, extra[i]));
            }
        }
        if (known && current > 0 && current < max) {
            pieces.add(new Piece(5, 4, "ETA " + Formats.duration(elapsed * (max - current) / current)));
        }
        if (elapsed >= 1 && current > 0 && bytes) {
            pieces.add(new Piece(6, 7, short1(current / elapsed) + "/s"));
        }
        return layout(pieces, width - 1, known ? (double) current / max : -1);
    }

    /** The pieces by rank while they fit {@code room} columns, in place order, with a bar filling what is left. */
    private static String layout(List<Piece> pieces, int room, double fraction) {
        List<Piece> byRank = new ArrayList<>(pieces);
        byRank.sort(Comparator.comparingInt(Piece::rank));
        List<Piece> kept = new ArrayList<>();
        for (Piece p : byRank) {
            kept.add(p);
            if (join(kept).length() > room) {
                kept.remove(p);
            }
        }
        int barRoom = room - join(kept).length() - 1;
        if (fraction >= 0 && barRoom >= MIN_BAR) {
            kept.add(new Piece(2, 8, bar(fraction, Math.min(barRoom, 40))));
        }
        StringBuilder line = new StringBuilder(join(kept));
        while (line.length() < room) {
            line.append(' ');
        }
        return line.toString();
    }

    /** The pieces in place order, joined by a space (", " between pieces of the extra message). */
    private static String join(List<Piece> pieces) {
        List<Piece> ordered = new ArrayList<>(pieces);
        ordered.sort(Comparator.comparingInt(Piece::place));
        StringBuilder line = new StringBuilder();
        Piece previous = null;
        for (Piece p : ordered) {
            line.append(previous == null ? "" : previous.place() >= EXTRA && p.place() >= EXTRA ? ", " : " ").append(p.text());
            previous = p;
        }
        return line.toString();
    }

    private static String bar(double fraction, int width) {
        int inner = width - 2;
        int filled = (int) Math.round(Math.min(1.0, fraction) * inner);
        return "[" + "=".repeat(filled) + " ".repeat(inner - filled) + "]";
    }

    private String amount(long current, long max) {
        if (!bytes) {
            return max < 0 ? String.valueOf(current) : current + "/" + max;
        }
        return max < 0 ? short1(current) : shortOf(current, max);
    }

    /** {@code 1.7/4.0 MiB}: both in the total's unit, one decimal. */
    private static String shortOf(long current, long max) {
        if (max < 1024) {
            return current + "/" + max + " B";
        }
        int unit = Math.min(UNITS.length, (63 - Long.numberOfLeadingZeros(max)) / 10);
        double scale = Math.pow(1024, unit);
        return String.format(Locale.ROOT, "%.1f/%.1f %s", current / scale, max / scale, UNITS[unit - 1]);
    }

    /** A size with one decimal in binary units ({@code 4.0 MiB}, {@code 512 B}). */
    static String short1(double n) {
        if (n < 1024) {
            return Math.round(n) + " B";
        }
        int unit = -1;
        while (n >= 1024 && unit < UNITS.length - 1) {
            n /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", n, UNITS[unit]);
    }
}
