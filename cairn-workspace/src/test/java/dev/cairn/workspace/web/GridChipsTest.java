package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.schema.ColumnSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Choice chips: each choice keeps its colour while choices are added after it, and every chip colour in
 * {@code grid.css} has text contrast of at least 4.5:1 (WCAG AA for normal text), computed from the style sheet.
 */
class GridChipsTest {
    @Test
    void aChoiceKeepsItsColourWhenChoicesAreAddedAfterIt() {
        ColumnSpec before = ColumnSpec.of("status", ColumnType.CHOICE).withChoices("todo", "doing", "done");
        ColumnSpec after = ColumnSpec.of("status", ColumnType.CHOICE).withChoices("todo", "doing", "done", "void");
        for (String choice : before.choices()) {
            assertThat(GridCells.chip(after, choice)).isEqualTo(GridCells.chip(before, choice));
        }
        assertThat(before.choices().stream().map(ch -> GridCells.chip(before, ch)).distinct()).hasSize(3);
        assertThat(GridCells.chip(before, "retired")).isEqualTo(GridCells.chip(before, "retired"))
                .matches("chip-\\d");
    }

    @Test
    void everyChipColourHasAccessibleContrast() throws IOException {
        String css;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/cairn/workspace/web/grid.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher text = Pattern.compile("\\.chip \\{[^}]*[^-]color: (#[0-9a-f]{6})").matcher(css);
        assertThat(text.find()).as("the chip text colour").isTrue();
        Map<String, String> fills = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\.(chip-\\d+) \\{ background: (#[0-9a-f]{6}); }").matcher(css);
        while (m.find()) {
            fills.put(m.group(1), m.group(2));
        }
        assertThat(fills).hasSize(GridCells.CHIP_COLOURS);
        fills.forEach((name, fill) -> assertThat(contrast(text.group(1), fill)).as(name).isGreaterThanOrEqualTo(4.5));
    }

    /** The WCAG 2 contrast ratio of two {@code #rrggbb} colours. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
