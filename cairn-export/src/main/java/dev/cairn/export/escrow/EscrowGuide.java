package dev.cairn.export.escrow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of an escrow copy's {@code ESCROW.md}: how to check, run and rebuild the software it carries. */
final class EscrowGuide {
    private EscrowGuide() {
    }

    /** The guide for {@code version}. */
    static String text(String version) {
        try (InputStream in = EscrowGuide.class.getResourceAsStream("ESCROW.md")) {
            if (in == null) {
                throw new IllegalStateException("ESCROW.md is missing from cairn-export's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{version}}", version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
