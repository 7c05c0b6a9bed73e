package dev.cairn.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtocolTest {
    @Test
    void errorCodesAreUniqueAndRoundTripByWireName() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(ErrorCode.fromCode(c.code())).hasValue(c);
            assertThat(c.type()).isEqualTo("https://cairn.dev/problems/" + c.code());
            assertThat(c.status()).isBetween(400, 599);
        }
    }

    @Test
    void quotaProblemsUseTheirHttpStatuses() {
        assertThat(ErrorCode.QUOTA_EXCEEDED.status()).isEqualTo(507);
        assertThat(ErrorCode.QUOTA_TOO_SMALL.status()).isEqualTo(413);
    }

    @Test
    void problemJsonOmitsAbsentMembers() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Problem.of(ErrorCode.NOT_FOUND, "no such object"));
        assertThat(json).isEqualTo("{\"type\":\"https://cairn.dev/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"no such object\",\"code\":\"not-found\"}");
    }

    @Test
    void scopesAreOrderedAndParsedByWireName() throws Exception {
        assertThat(TokenScope.FULL.includes(TokenScope.APPEND)).isTrue();
        assertThat(TokenScope.APPEND.includes(TokenScope.FULL)).isFalse();
        assertThat(TokenScope.parse(" Append ")).isEqualTo(TokenScope.APPEND);
        assertThatThrownBy(() -> TokenScope.parse("admin")).hasMessageContaining("read, append or full");
        assertThat(new ObjectMapper().readValue("{\"name\":\"n\",\"scope\":\"read\"}", TokenRequest.class).scope())
                .isEqualTo(TokenScope.READ);
    }

    @Test
    void objectPathsAreBuiltFromTheirParts() {
        assertThat(ApiPaths.object("repo", "data", "00ff")).isEqualTo("/api/v1/repos/repo/objects/data/00ff");
    }
}
