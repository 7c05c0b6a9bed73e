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
        var noRecipient = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":6}", s.token);
        assertThat(noRecipient.statusCode()).isEqualTo(409);
        assertThat(s.json(noRecipient).get("code").asText()).isEqualTo("no-recipient");
        assertThat(s.json(noRecipient).get("detail").asText()).contains("a schedule needs a recipient");
        addRecipient();
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
        assertThat(got.get("history").asBoolean()).isTrue();
        assertThat(got.get("mode").asText()).isEqualTo("full");
        assertThat(got.get("cron").isNull()).isTrue();
        assertThat(got.get("noRecipientSince").isNull()).isTrue();

        var cron = s.json(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"cron\",\"cron\":\"0 3 * * 0\","
                + "\"formats\":[\"xml\"],\"history\":false,\"mode\":\"incremental\",\"fullEvery\":4}", s.token));
        assertThat(cron.get("every").asText()).isEqualTo("cron");
        assertThat(cron.get("cron").asText()).isEqualTo("0 3 * * 0");
        assertThat(cron.get("nextRun").asText()).endsWith("T03:00:00Z");
        assertThat(cron.get("history").asBoolean()).isFalse();
        assertThat(cron.get("mode").asText()).isEqualTo("incremental");
        assertThat(cron.get("fullEvery").asInt()).isEqualTo(4);
        assertThat(cron.get("formats").toString()).isEqualTo("[\"jsonl\",\"xml\"]");

        var hourly = s.json(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":6}", s.token));
        assertThat(hourly.get("formats")).hasSize(6);
        assertThat(hourly.get("at").isNull()).isTrue();
        assertThat(s.send("DELETE", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(204);
        assertThat(s.send("DELETE", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
        assertThat(s.send("GET", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
    }

    @Test
    void aBadSettingIsRefusedAndOnlyAFullOwnerChangesIt() throws Exception {
        addRecipient();
        var unknownField = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"day\",\"at\":\"02:30\",\"when\":\"x\"}",
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

        var badCron = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"cron\",\"cron\":\"* * * * *\"}", s.token);
        assertThat(badCron.statusCode()).isEqualTo(422);
        assertThat(badCron.body()).contains("at most once an hour");
        var badMode = s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1,\"mode\":\"delta\"}",
                s.token);
        assertThat(badMode.statusCode()).isEqualTo(422);
        assertThat(badMode.body()).contains("full or incremental");

        String read = s.server.token("ann", TokenScope.READ);
        assertThat(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1}", read).statusCode())
                .isEqualTo(403);
        assertThat(s.send("DELETE", ExportApi.SCHEDULE, null, read).statusCode()).isEqualTo(403);
        s.server.account("bob");
        String bob = s.server.token("bob", TokenScope.FULL);
        assertThat(s.send("POST", ExportApi.RECIPIENTS, "{\"name\":\"bob's\",\"recipient\":\""
                + dev.cairn.export.crypt.Age.newIdentity()[1] + "\"}", bob).statusCode()).isEqualTo(201);
        assertThat(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1}", bob).statusCode())
                .isEqualTo(200);
        assertThat(s.send("GET", ExportApi.SCHEDULE, null, s.token).statusCode()).isEqualTo(404);
        assertThat(s.send("PUT", ExportApi.SCHEDULE, "{\"every\":\"hours\",\"hours\":1}", null).statusCode())
                .isEqualTo(401);
    }

    private void addRecipient() throws Exception {
        var added = s.send("POST", ExportApi.RECIPIENTS, "{\"name\":\"nas\",\"recipient\":\""
                + dev.cairn.export.crypt.Age.newIdentity()[1] + "\"}", s.token);
        assertThat(added.statusCode()).isEqualTo(201);
    }
}
