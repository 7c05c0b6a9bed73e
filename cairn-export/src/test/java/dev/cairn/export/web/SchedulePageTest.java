package dev.cairn.export.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFeature;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.WorkspaceFeature;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule section of the Onsite copy page: save a weekly schedule, see it, be told what is wrong, remove it. */
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

            var saved = web.post(ExportPages.BASE + "/schedule", "every", "week", "day", "friday", "at", "03:15",
                    "hours", "24", "scheduleFormat", "xlsx", "keepLast", "4", "keepDays", "60");
            assertThat(saved.statusCode()).isEqualTo(303);
            String page = web.get(saved.headers().firstValue("Location").orElseThrow()).body();
            assertThat(page).contains("Schedule saved.", "Every Friday at 03:15 UTC",
                    "the newest 4 exports, none older than 60 days", "<option value=\"friday\" selected>");

            var bad = web.post(ExportPages.BASE + "/schedule", "every", "hours", "hours", "lots",
                    "scheduleFormat", "csv");
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.body()).contains("Give the hours between exports as a whole number");
            var none = web.post(ExportPages.BASE + "/schedule", "every", "day", "at", "03:15");
            assertThat(none.body()).contains("Choose at least one format for the schedule");

            var removed = web.post(ExportPages.BASE + "/schedule/remove");
            assertThat(web.get(removed.headers().firstValue("Location").orElseThrow()).body())
                    .contains("Schedule removed", "No schedule");
        }
    }
}
