package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.web.WebUi;
import org.junit.jupiter.api.Test;

/** The web UI writes the CSRF token into the form field the guard reads; if the names drifted, every form would 403. */
class CsrfFieldTest {
    @Test
    void webFormsAndTheGuardUseTheSameCsrfFieldName() {
        assertThat(WebUi.CSRF_FIELD).isEqualTo(AccessGuard.CSRF_FIELD);
    }
}
