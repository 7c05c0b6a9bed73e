package dev.cairn.export.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule API: set, read, remove, strict JSON, the owner's words for a bad setting, and who may change it. */
class ScheduleApiTest {
    @TempDir
    Path dir;
    ExportServer s;

    @BeforeEach
    void start() throws Exception {
        s = new ExportServer(dir.resolve("server"));
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void anOwnerSetsReadsAndRemovesTheSchedule() throws Exception {
        assertThat(s.send("GET", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
        var put = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"week\",\"day\":\"monday\",\"at\":\"02:30\","
                + "\"formats\":[\"jsonl\",\"csv\"],\"keepLast\":3}", s.token);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode got = s.json(s.send("GET", ExportApi.SCHEDULE, null, s.token));
        assertThat(got.get("every").asText()).isEqualTo("week");
        assertThat(got.get("day").asText()).isEqualTo("monday");
        assertThat(got.get("at").asText()).isEqualTo("02:30");
        assertThat(got.get("hours").isNull()).isTrue();
        assertThat(got.get("formats").toString()).isEqualTo("[\"csv\",\"jsonl\"]");
        assertThat(got.get("keepLast").asInt()).isEqualTo(3);
        assertThat(got.get("keepDays").asInt()).isEqualTo(30);
        assertThat(got.get("nextRun").asText()).contains("T02:30:00Z");
        assertThat(got.get("updatedBy").asText()).isEqualTo("ann");

        var hourly = s.json(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":6}", s.token));
        assertThat(hourly.get("formats")).hasSize(6);
        assertThat(hourly.get("at").isNull()).isTrue();
        assertThat(s.send("DELETE", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(204);
        assertThat(s.send("DELETE", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
        assertThat(s.send("GET", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
    }

    @Test
    void aBadSettingIsRefusedAndOnlyAFullOwnerChangesIt() throws Exception {
        var unknownField = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"day\",\"at\":\"02:30\",\"cron\":\"x\"}",
                s.token);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        var badTime = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"day\",\"at\":\"2am\"}", s.token);
        assertThat(badTime.statusCode()).isEqualTo(422);
        assertThat(badTime.body()).contains("HH:MM in UTC");
        var badFormat = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"day\",\"at\":\"02:30\",\"formats\":[\"pdf\"]}",
                s.token);
        assertThat(badFormat.statusCode()).isEqualTo(422);
        assertThat(badFormat.body()).contains("unknown format pdf");
        var badKeep = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"day\",\"at\":\"02:30\",\"keepDays\":0}",
                s.token);
        assertThat(badKeep.statusCode()).isEqualTo(422);

        String read = s.server.token("ann", TokenScope.READ);
        assertThat(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1}", read).statusCode())
                .isEqualTo(403);
        assertThat(s.send("DELETE", ExportApi.SCHEDULE, null, read).statusCode()).isEqualTo(403);
        s.server.account("bob");
        String bob = s.server.token("bob", TokenScope.FULL);
        assertThat(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1}", bob).statusCode())
                .isEqualTo(200);
        assertThat(s.send("GET", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
        assertThat(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1}", null).statusCode())
                .isEqualTo(401);
    }
}
