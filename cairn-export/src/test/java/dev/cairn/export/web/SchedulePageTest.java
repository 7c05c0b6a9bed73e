package dev.cairn.export.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFeature;
import dev.cairn.export.crypt.Age;
import dev.cairn.export.service.ExportModule;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.WorkspaceFeature;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule section of the Onsite copy page: no schedule without a recipient (said on the page); save a weekly
 * schedule, see it, be told what is wrong, save one by a cron line, incremental and without history, see it paused
 * once its recipients are gone, remove it.
 */
class SchedulePageTest {
    @TempDir
    Path dir;

    @Test
    void anOwnerSavesSeesAndRemovesTheSchedule() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c, List.of(new WorkspaceFeature(), new ExportFeature()))) {
            server.account("ann");
            WebClient web = new WebClient(server);
            web.logIn("ann", TestServer.password("ann"));
            assertThat(web.get(ExportPages.BASE).body()).contains("No schedule: exports run only when you start them");
            var refused = web.post(ExportPages.BASE + "/schedule", "every", "day", "at", "03:15",
                    "scheduleFormat", "csv");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("A schedule needs a recipient", "No schedule");

            var added = web.post(ExportPages.BASE + "/recipients", "name", "nas", "recipient", Age.newIdentity()[1]);
            assertThat(added.statusCode()).isEqualTo(303);
            web.get(ExportPages.BASE);
            var saved = web.post(ExportPages.BASE + "/schedule", "every", "week", "day", "friday", "at", "03:15",
                    "hours", "24", "scheduleFormat", "xlsx", "keepLast", "4", "keepDays", "60", "history", "on",
                    "mode", "full");
            assertThat(saved.statusCode()).isEqualTo(303);
            String page = web.get(saved.headers().firstValue("Location").orElseThrow()).body();
            assertThat(page).contains("Schedule saved.", "Every Friday at 03:15 UTC",
                    "the newest 4 exports, none older than 60 days", "<option value=\"friday\" selected>",
                    "Full, with record history");

            var bad = web.post(ExportPages.BASE + "/schedule", "every", "hours", "hours", "lots",
                    "scheduleFormat", "csv");
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.body()).contains("Give the hours between exports as a whole number");
            var none = web.post(ExportPages.BASE + "/schedule", "every", "day", "at", "03:15");
            assertThat(none.body()).contains("Choose at least one format for the schedule");
            var badCron = web.post(ExportPages.BASE + "/schedule", "every", "cron", "cron", "*/5 * * * *",
                    "scheduleFormat", "csv");
            assertThat(badCron.statusCode()).isEqualTo(422);
            assertThat(badCron.body()).contains("at most once an hour");
            web.get(ExportPages.BASE);

            var cron = web.post(ExportPages.BASE + "/schedule", "every", "cron", "cron", "30 2 * * 1-5", "at", "03:15",
                    "hours", "24", "scheduleFormat", "csv", "mode", "incremental", "fullEvery", "5");
            assertThat(cron.statusCode()).isEqualTo(303);
            page = web.get(ExportPages.BASE).body();
            assertThat(page).contains("Cron 30 2 * * 1-5 (UTC)", "value=\"30 2 * * 1-5\"",
                    "Incremental, a full export every 5 exports, without record history", "csv, jsonl")
                    .doesNotContain("schedule-paused");

            ExportModule module = ((ExportFeature.Started) server.core().features().get(1)).module();
            long workspace = module.workspaces().resolve(server.core().accounts().find("ann").orElseThrow().id(),
                    "ann", null, false).workspaceId();
            module.recipients().remove(workspace, module.recipients().list(workspace).getFirst().id());
            module.incidents().check();
            assertThat(web.get(ExportPages.BASE).body()).contains("id=\"schedule-paused\"",
                    "Scheduled exports are paused: this workspace has no recipient since");

            var removed = web.post(ExportPages.BASE + "/schedule/remove");
            assertThat(web.get(removed.headers().firstValue("Location").orElseThrow()).body())
                    .contains("Schedule removed", "No schedule");
        }
    }
}
