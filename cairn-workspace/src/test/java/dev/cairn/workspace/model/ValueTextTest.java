package dev.cairn.workspace.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How values read to people: currency decimals, thousands separators, negatives, and the spreadsheet style. */
class ValueTextTest {
    private static Money money(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    @ParameterizedTest(name = "{0} {1} shows as {2}")
    @CsvSource(delimiter = '|', value = {
        "99.0000     | EUR | 99.00 EUR",
        "1234567.5   | EUR | 1,234,567.50 EUR",
        "-1234.5     | EUR | -1,234.50 EUR",
        "0           | EUR | 0.00 EUR",
        "-0.5        | EUR | -0.50 EUR",
        "1500        | JPY | 1,500 JPY",
        "1500.00     | JPY | 1,500 JPY",
        "-1234567    | JPY | -1,234,567 JPY",
        "1.25        | BHD | 1.250 BHD",
        "12345.5     | BHD | 12,345.500 BHD",
        "-0.001      | BHD | -0.001 BHD",
        "99.1234     | EUR | 99.1234 EUR",
        "10.5        | XYZ | 10.50 XYZ",
        "1000000.00  | USD | 1,000,000.00 USD"})
    void moneyShowsItsCurrencysDecimalsWithThousandsSeparators(String amount, String currency, String shown) {
        assertThat(ValueText.display(money(amount, currency))).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} {1} is {2} in a sheet")
    @CsvSource(delimiter = '|', value = {
        "1234567.5   | EUR | 1234567.50",
        "-1234.5     | EUR | -1234.50",
        "1500.00     | JPY | 1500",
        "1.25        | BHD | 1.250",
        "99.1234     | EUR | 99.1234"})
    void aSheetGetsTheAmountWithoutSeparatorsOrCurrency(String amount, String currency, String shown) {
        assertThat(ValueText.sheet(money(amount, currency))).isEqualTo(shown);
    }

    @Test
    void numbersHaveThousandsSeparatorsOnPagesAndNoneInSheets() {
        assertThat(ValueText.display(new Value.Whole(1234567))).isEqualTo("1,234,567");
        assertThat(ValueText.display(new Value.Whole(-1234))).isEqualTo("-1,234");
        assertThat(ValueText.display(new Value.Whole(999))).isEqualTo("999");
        assertThat(ValueText.display(new Value.Whole(Long.MIN_VALUE))).isEqualTo("-9,223,372,036,854,775,808");
        assertThat(ValueText.display(new Value.Decimal(new BigDecimal("-12345.250")))).isEqualTo("-12,345.250");
        assertThat(ValueText.display(new Value.Decimal(new BigDecimal("1E+3")))).isEqualTo("1,000");
        assertThat(ValueText.sheet(new Value.Whole(1234567))).isEqualTo("1234567");
        assertThat(ValueText.sheet(new Value.Decimal(new BigDecimal("-12345.250")))).isEqualTo("-12345.250");
    }

    @Test
    void otherKindsReadAsWords() {
        assertThat(ValueText.display(null)).isEmpty();
        assertThat(ValueText.display(new Value.Bool(true))).isEqualTo("Yes");
        assertThat(ValueText.display(new Value.Bool(false))).isEqualTo("No");
        assertThat(ValueText.display(new Value.Date(LocalDate.of(2026, 2, 28)))).isEqualTo("2026-02-28");
        assertThat(ValueText.display(new Value.DateTime(Instant.parse("2026-11-23T09:05:07Z"))))
                .isEqualTo("2026-11-23 09:05 UTC");
        assertThat(ValueText.sheet(new Value.DateTime(Instant.parse("2026-11-23T09:05:07Z"))))
                .isEqualTo("2026-11-23 09:05:07");
        assertThat(ValueText.display(new Value.Text("=1+1"))).isEqualTo("=1+1");
    }

    @Test
    void currencyDigitsComeFromIso4217() {
        assertThat(ValueText.currencyDigits("EUR")).isEqualTo(2);
        assertThat(ValueText.currencyDigits("JPY")).isZero();
        assertThat(ValueText.currencyDigits("BHD")).isEqualTo(3);
        assertThat(ValueText.currencyDigits("XAU")).isEqualTo(2); // no decimals defined
        assertThat(ValueText.currencyDigits("nope")).isEqualTo(2);
    }
}
