package dev.cairn.workspace.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openpdf.text.Chunk;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;

/**
 * The fonts report PDFs are set in, bundled as resources ({@code /fonts}, with their licences): DejaVu Sans (Latin,
 * Greek, Cyrillic, many symbols) and Droid Sans Fallback (Chinese, Japanese, Korean), embedded as subsets with
 * Unicode encoding, so text extractors and screen readers get the characters back.
 *
 * <p>{@link #phrase} picks, per character, the first font that has a glyph for it; a character no bundled font has
 * becomes U+FFFD (the replacement character), so text never vanishes silently. Control characters other than line
 * breaks become spaces. Loaded once (the fallback font is 4 MB); immutable and thread-safe afterwards.
 */
final class PdfFonts {
    /** What a character no bundled font covers is replaced with. */
    static final int REPLACEMENT = 0xFFFD;

    private final BaseFont regular;
    private final BaseFont bold;
    private final BaseFont fallback;

    private PdfFonts() {
        this.regular = load("DejaVuSans.ttf");
        this.bold = load("DejaVuSans-Bold.ttf");
        this.fallback = load("DroidSansFallbackFull.ttf");
    }

    private static final class Holder {
        static final PdfFonts INSTANCE = new PdfFonts();
    }

    /** The bundled fonts, loaded on first use. */
    static PdfFonts get() {
        return Holder.INSTANCE;
    }

    private static BaseFont load(String file) {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font resource /fonts/" + file + " is missing from the server jar");
            }
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load font /fonts/" + file, e);
        }
    }

    /** {@code text} at {@code size} points, bold or regular, each run of characters in a font that has them. */
    Phrase phrase(String text, boolean strong, float size) {
        Font primary = new Font(strong ? bold : regular, size);
        Font secondary = new Font(fallback, size);
        Phrase phrase = new Phrase();
        StringBuilder run = new StringBuilder();
        Font runFont = primary;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            cp = printable(cp);
            Font font = fontFor(cp, primary, secondary);
            if (font == null) {
                font = primary;
                cp = REPLACEMENT;
            }
            if (font != runFont && !run.isEmpty()) {
                phrase.add(new Chunk(run.toString(), runFont));
                run.setLength(0);
            }
            runFont = font;
            run.appendCodePoint(cp);
        }
        if (!run.isEmpty()) {
            phrase.add(new Chunk(run.toString(), runFont));
        }
        return phrase;
    }

    /** The font to set {@code cp} in, or null when no bundled font has it (it is then replaced). */
    private static Font fontFor(int cp, Font primary, Font secondary) {
        if (cp == '\n' || cp == ' ' || primary.getBaseFont().charExists(cp)) {
            return primary;
        }
        return secondary.getBaseFont().charExists(cp) ? secondary : null;
    }

    private static int printable(int cp) {
        if (cp == '\n') {
            return cp;
        }
        return Character.isISOControl(cp) ? ' ' : cp;
    }

    /** Whether some bundled font has a glyph for {@code cp} (tests and callers that want to warn). */
    boolean covers(int cp) {
        return regular.charExists(cp) || fallback.charExists(cp);
    }
}
