package dev.cairn.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Half-even rounding of exact ratios (checked against BigDecimal), and exact parsing of amounts and prices. */
class MoneyTest {
    @Test
    void halfEvenAgreesWithBigDecimalOnTiesAndRandomRatios() {
        assertThat(Rounding.halfEven(5, 2)).isEqualTo(2);
        assertThat(Rounding.halfEven(7, 2)).isEqualTo(4);
        assertThat(Rounding.halfEven(-5, 2)).isEqualTo(-2);
        assertThat(Rounding.halfEven(-7, 2)).isEqualTo(-4);
        Random r = new Random(36);
        for (int i = 0; i < 10_000; i++) {
            long n = r.nextLong() / 1000;
            long d = 1 + Math.abs(r.nextLong() % 1_000_000);
            long expected = new BigDecimal(n).divide(new BigDecimal(d), 0, RoundingMode.HALF_EVEN).longValueExact();
            assertThat(Rounding.halfEven(BigInteger.valueOf(n), BigInteger.valueOf(d))).as(n + "/" + d)
                    .isEqualTo(expected);
        }
    }

    @Test
    void amountsAndPricesParseExactly() {
        CurrencyUnit eur = CurrencyUnit.of("eur");
        assertThat(eur.parseMinor("12.34")).isEqualTo(1234);
        assertThat(eur.format(-5)).isEqualTo("-0.05 EUR");
        assertThat(CurrencyUnit.of("JPY").parseMinor("500")).isEqualTo(500);
        assertThat(CurrencyUnit.parseMicros("0.0059")).isEqualTo(5900);
        assertThat(CurrencyUnit.plainMicros(5900)).isEqualTo("0.0059");
        assertThatThrownBy(() -> eur.parseMinor("1.001")).hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> CurrencyUnit.parseMicros("0.0000001")).hasMessageContaining("more than 6 decimals");
        assertThatThrownBy(() -> CurrencyUnit.of("XYZW")).hasMessageContaining("not an ISO 4217 currency");
    }
}
