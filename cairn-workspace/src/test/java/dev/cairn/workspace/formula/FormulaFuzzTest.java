package dev.cairn.workspace.formula;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The formula parser (docs/formulas.md) on hostile text, in both forms (as typed, and stored with {@code {c<id>}}
 * names): it parses, or refuses with a {@link FormulaException} naming the position; never another exception, a stack
 * overflow or a hang. Inputs: {@code FormulaFuzzTestInputs/parse/}.
 */
class FormulaFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void parse(String text) {
        for (boolean stored : new boolean[] {false, true}) {
            try {
                Parser.parse(text, stored);
            } catch (FormulaException refused) {
                // refused cleanly, with a position
            }
        }
    }
}
