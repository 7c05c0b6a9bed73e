package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A JSON number whose exponent has more digits than {@link java.math.BigDecimal} takes (found by
 * {@link HttpParsersFuzzTest}: {@code 551e1000000555555}) used to escape the strict parse as a
 * {@code NumberFormatException}, a 500 on every JSON endpoint; it is a 400 that says what is wrong.
 */
class JsonNumberRangeTest {
    @Test
    void anExponentPastBigDecimalIsABadRequest() {
        for (String body : new String[] {"551e1000000555555", "{\"quotaBytes\":1e10000000000}", "[1, -2E-99999999999]"}) {
            assertThatThrownBy(() -> Json.parse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body).isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                        assertThat(e.getMessage()).contains("out of range");
                    });
        }
    }

    @Test
    void largeButRepresentableExponentsStillParse() {
        assertThat(Json.parse("{\"a\":1e999999999}".getBytes(StandardCharsets.UTF_8)).path("a").isNumber()).isTrue();
    }
}
