package dev.cairn.server.http;

import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.runs.Run;
import dev.cairn.server.runs.RunCursor;
import dev.cairn.server.runs.RunReportParser;
import dev.cairn.server.runs.RunService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run reports (docs/spec/http-api.md section 14): agents post them, the owner lists them. */
final class RunHandlers {
    /** A report with 100 errors of 1,000 characters fits (up to 4 bytes per character in UTF-8, plus escapes). */
    static final int MAX_REPORT_BYTES = 1024 * 1024;
    static final int DEFAULT_LIMIT = 50;

    private final RunService runs;

    RunHandlers(RunService runs) {
        this.runs = runs;
    }

    /** {@code POST /api/v1/runs}: 201 with the run when new, 200 with the stored run when its runId was recorded. */
    void post(Context ctx) {
        Principal p = Requests.principal(ctx);
        var report = RunReportParser.parse(Json.readTree(ctx, MAX_REPORT_BYTES));
        RunService.Recorded recorded = runs.record(p.accountId(), p.tokenId(), report);
        Json.write(ctx, recorded.created() ? 201 : 200, recorded.run());
    }

    /** {@code GET /api/v1/runs?device=&limit=&before=}: newest first, with {@code next} when there may be more. */
    void list(Context ctx) {
        Principal p = Requests.principal(ctx);
        String device = ctx.queryParam("device");
        String before = ctx.queryParam("before");
        int limit = limit(ctx.queryParam("limit"));
        List<Run> page = runs.list(p.accountId(), device == null || device.isBlank() ? null : device.strip(), limit,
                before == null || before.isBlank() ? null : RunCursor.parse(before));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", page);
        body.put("next", page.size() == limit ? RunCursor.after(page.getLast()).wire() : null);
        Json.write(ctx, 200, body);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= RunService.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ServiceException.badRequest("limit must be a number from 1 to " + RunService.MAX_LIMIT);
    }
}
