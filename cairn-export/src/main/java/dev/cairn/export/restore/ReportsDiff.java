package dev.cairn.export.restore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The saved reports and share links of a copy beside the workspace's, by id. Reports are restored with their ids;
 * share links are listed only: a copy holds no link's secret (its token), so a link cannot be made again from it, and
 * the workspace's own links are kept.
 */
final class ReportsDiff {
    private ReportsDiff() {
    }

    /** A saved report here: name, table and definition. */
    record Here(String name, long tableId, String definition) {
    }

    static Map<Long, Here> reportsHere(Handle h, long workspaceId) {
        Map<Long, Here> out = new HashMap<>();
        h.createQuery("SELECT id, name, table_id, definition FROM ws_reports WHERE workspace_id = :w")
                .bind("w", workspaceId).map((rs, ctx) -> Map.entry(rs.getLong(1), new Here(rs.getString(2),
                        rs.getLong(3), rs.getString(4)))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static RestoreDiff.Items reports(Handle h, long workspaceId, Path dir, boolean removes) throws IOException {
        Map<Long, Here> here = reportsHere(h, workspaceId);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (CopyItems.Report r : CopyItems.reports(dir)) {
            Here x = here.remove(r.id());
            if (x == null) {
                added.add(r.name());
            } else if (!x.name().equals(r.name()) || x.tableId() != r.tableId()
                    || !x.definition().equals(r.definitionJson())) {
                changed.add(r.name());
            }
        }
        List<String> removed = removes ? here.values().stream().map(Here::name).sorted().toList() : List.of();
        return new RestoreDiff.Items(added, changed, removed, null);
    }

    static RestoreDiff.Items shares(Handle h, long workspaceId, Path dir) throws IOException {
        List<Long> here = h.createQuery("SELECT id FROM ws_shares WHERE workspace_id = :w AND revoked_at IS NULL")
                .bind("w", workspaceId).mapTo(Long.class).list();
        List<String> missing = new ArrayList<>();
        for (CopyItems.Share s : CopyItems.shares(dir)) {
            if (!here.contains(s.id())) {
                missing.add(s.reportName() + " (link " + s.id() + ")");
            }
        }
        return new RestoreDiff.Items(List.of(), List.of(), List.of(), missing.isEmpty() ? null
                : "the copy lists share links this workspace does not have: " + missing + ". A copy holds no link's "
                + "secret, so they are not made again; make new links to the reports. Links here are kept");
    }
}
