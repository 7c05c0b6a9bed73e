package dev.cairn.workspace.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The formula grammar: precedence survives printing, and malformed text is refused with its position. */
class ParserTest {
    private static String reprint(String text) {
        return new Printer(p -> Printer.name(p.name())).print(Parser.parse(text, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "(a + b) * c|(a + b) * c",
        "a + b * c|a + b * c",
        "a - (b - c)|a - (b - c)",
        "(a - b) - c|a - b - c",
        "not (a and b) or c|not (a and b) or c",
        "-(a + 1)|-(a + 1)",
        "[Unit price] * 2|[Unit price] * 2",
        "if(a > 1, \"x\"\"y\", 'z')|if(a > 1, \"x\"\"y\", \"z\")",
        "customer.[Full name] & \" \"|customer.[Full name] & \" \"",
        "sum(order_lines.amount) / count(order_lines)|sum(order_lines.amount) / count(order_lines)"})
    void printsWhatItParsedWithTheParenthesesPrecedenceNeeds(String text, String printed) {
        assertThat(reprint(text)).isEqualTo(printed);
        assertThat(reprint(printed)).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a +|the formula ends too early; a value was expected at 4",
        "(a + 1|the formula ends where ')' to close the '(' at 1 was expected at 7",
        "a b|unexpected 'b'; an operator or the end was expected at 3",
        "\"open|the text that starts here is not closed with \" at 1",
        "a # b|'#' is not part of the formula language at 3",
        "[x|the name in brackets is not closed with ] at 1",
        "a and|the formula ends too early; a value was expected at 6",
        "1.2.3|'1.2.3' is not a number at 1",
        "{c1}|'{' is not part of the formula language at 1"})
    void malformedTextIsRefusedWithItsPosition(String text, String message) {
        assertThatThrownBy(() -> Parser.parse(text, false)).isInstanceOf(FormulaException.class)
                .hasMessage(message);
    }
}
