package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.protocol.DeviceAuthorizationRequest;
import dev.cairn.protocol.DeviceRequest;
import dev.cairn.protocol.DeviceTokenRequest;
import dev.cairn.protocol.LeaseRequest;
import dev.cairn.protocol.LoginRequest;
import dev.cairn.protocol.PasswordChangeRequest;
import dev.cairn.protocol.QuotaRequest;
import dev.cairn.protocol.RetentionRequest;
import dev.cairn.protocol.SignupRequest;
import dev.cairn.protocol.TokenRequest;
import dev.cairn.server.error.ServiceException;
import java.util.List;
import java.util.Map;

/**
 * The platform's parsers of request bodies and headers, on hostile input: the strict JSON parse of a body and its
 * binding to every request record of the protocol ({@link Json#parse}, {@link Json#bind}), and the {@code Range} header
 * ({@link ByteRange#parse}). Each parses or refuses with a {@link ServiceException} (a 4xx problem), never another
 * exception (which would be a 500). Under {@code mvn test} each target replays its inputs
 * ({@code src/test/resources/dev/cairn/server/http/HttpParsersFuzzTestInputs/<target>/}, every finding kept there);
 * {@code bench/reliability/suites/fuzz.sh} fuzzes each for a set time.
 */
class HttpParsersFuzzTest {
    private static final List<Class<?>> BODIES = List.of(LoginRequest.class, SignupRequest.class, TokenRequest.class,
            PasswordChangeRequest.class, QuotaRequest.class, RetentionRequest.class, LeaseRequest.class,
            DeviceRequest.class, DeviceTokenRequest.class, DeviceAuthorizationRequest.class, Map.class);

    @FuzzTest(maxDuration = "5s")
    void jsonBody(FuzzedDataProvider data) {
        Class<?> type = BODIES.get(data.consumeInt(0, BODIES.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        try {
            assertThat((Object) Json.bind(Json.parse(body), type)).isNotNull();
        } catch (ServiceException refused) {
            assertThat(refused.code().status()).isBetween(400, 499);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void rangeHeader(FuzzedDataProvider data) {
        long size = data.consumeLong(0, Long.MAX_VALUE);
        String header = data.consumeRemainingAsString();
        try {
            ByteRange.parse(header, size).ifPresent(r -> {
                assertThat(r.offset()).isBetween(0L, size - 1);
                assertThat(r.length()).isBetween(1L, size - r.offset());
            });
        } catch (ServiceException refused) {
            assertThat(refused.code().status()).isEqualTo(416);
        }
    }
}
