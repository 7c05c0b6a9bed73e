package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account's time zone (ADR 52): chosen on the account page, it changes every time a signed-in page shows (here the
 * tokens list), a "valid until" day typed there is the end of that day in the zone and shows as typed, a zone that does
 * not exist comes back with the page and what was typed, and the API keeps answering in UTC.
 */
class TimeZonePagesTest {
    /** 2026-07-01 10:00 UTC: summer, so Berlin is UTC+2 (CEST). */
    private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, InstantSource.fixed(NOW));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static WebClient signedIn(String name) throws Exception {
        WebClient web = new WebClient(server);
        var r = web.signUp(name, name + "-password");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return web;
    }

    @Test
    void pagesShowTimesInTheChosenZoneAndTypedDaysAsTyped() throws Exception {
        WebClient web = signedIn("zone-user");
        web.get("/tokens");
        assertThat(web.post("/tokens", "name", "laptop", "scope", "read", "expires", "2026-12-31").statusCode())
                .isEqualTo(200);
        String utc = web.get("/tokens").body();
        assertThat(utc).contains("2026-07-01 10:00 UTC").contains("2026-12-31 (end of day)");

        var account = web.get("/account/password");
        assertThat(account.body()).contains("<option value=\"UTC\" selected>").contains("Europe/Berlin");
        var saved = web.post("/account/time-zone", "zone", "Europe/Berlin");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/account/password?done=time-zone");
        String after = web.get("/account/password?done=time-zone").body();
        assertThat(after).contains("Your time zone was saved").contains("<option value=\"Europe/Berlin\" selected>")
                .contains("2026-07-01 12:00 CEST");

        String berlin = web.get("/tokens").body();
        assertThat(berlin).contains("2026-07-01 12:00 CEST").doesNotContain("10:00 UTC");
        // the day typed in UTC ended at midnight UTC, which is 01:00 in Berlin: no longer a whole day there
        assertThat(berlin).contains("2027-01-01 01:00 CET");
        assertThat(web.post("/tokens", "name", "phone", "scope", "read", "expires", "2026-12-31").statusCode())
                .isEqualTo(200);
        long id = server.core().accounts().require("zone-user").id();
        assertThat(server.core().tokens().list(id)).filteredOn(t -> t.name().equals("phone")).singleElement()
                .satisfies(t -> assertThat(t.expiresAt()).hasToString("2026-12-31T23:00:00Z"));
        assertThat(web.get("/tokens").body()).contains("2026-12-31 (end of day)");

        var api = server.send(server.request("/api/v1/account/tokens").header("Authorization",
                TestServer.basic("zone-user", "zone-user-password")).GET().build());
        assertThat(api.body()).contains("\"2026-12-31T23:00:00Z\"").doesNotContain("CET");
    }

    @Test
    void anUnknownZoneIsRefusedWithWhatWasTyped() throws Exception {
        WebClient web = signedIn("zone-typo");
        web.get("/account/password");
        var r = web.post("/account/time-zone", "zone", "Europe/Berlim");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"zone-error\"").contains("'Europe/Berlim' is not a time zone")
                .contains("<option value=\"Europe/Berlim\" selected>");
        assertThat(web.get("/tokens").body()).doesNotContain("Europe/Berlim");
        long id = server.core().accounts().require("zone-typo").id();
        assertThat(server.core().accounts().timeZone(id)).isEmpty();
    }

    @Test
    void utcChosenAgainIsStoredAsNone() throws Exception {
        WebClient web = signedIn("zone-back");
        web.get("/account/password");
        web.post("/account/time-zone", "zone", "Asia/Tokyo");
        long id = server.core().accounts().require("zone-back").id();
        assertThat(server.core().accounts().timeZone(id)).hasValue("Asia/Tokyo");
        web.get("/account/password");
        web.post("/account/time-zone", "zone", "UTC");
        assertThat(server.core().accounts().timeZone(id)).isEmpty();
    }
}
