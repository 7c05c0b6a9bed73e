package dev.cairn.workspace.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Malformed stored names ({@code {c<id>}}, {@code {t<id>}}) in a stored formula, as a damaged store or a hostile
 * restore bundle could hold (found by {@link FormulaFuzzTest}: {@code 4{8=} threw StringIndexOutOfBoundsException):
 * each is a {@link FormulaException}, never another exception.
 */
class StoredNameTest {
    @Test
    void malformedStoredNamesAreFormulaErrors() {
        for (String stored : new String[] {"4{8=", "{", "{}", "{x1}", "{c}", "{cabc}", "{c99999999999999999999}",
            "1 + {t"}) {
            assertThatThrownBy(() -> Parser.parse(stored, true)).as(stored).isInstanceOf(FormulaException.class);
        }
    }

    @Test
    void wellFormedStoredNamesStillParse() {
        assertThat(Parser.parse("{c12} + {t3}.{c4}", true)).isNotNull();
    }
}
