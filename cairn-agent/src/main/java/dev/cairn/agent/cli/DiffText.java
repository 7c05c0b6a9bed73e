package dev.cairn.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A restore's diff (docs/spec/http-api.md §13) as lines for a terminal: per table, then reports and links. */
final class DiffText {
    private DiffText() {
    }

    static List<String> lines(JsonNode d) {
        List<String> out = new ArrayList<>();
        JsonNode copy = d.path("copy");
        out.add("copy of workspace '" + copy.path("workspaceName").asText() + "' as of change " + copy.path("cut")
                .asLong() + " (exported " + copy.path("exportedAt").asText() + "), read from "
                + d.path("format").asText() + "; " + d.path("mode").asText() + " against change "
                + d.path("seq").asLong());
        for (JsonNode t : d.path("tables")) {
            out.add(String.format("table %s (%s): %d added, %d changed, %d deleted, %d unchanged",
                    t.path("name").asText(), t.path("change").asText(), t.path("added").asLong(),
                    t.path("changed").asLong(), t.path("deleted").asLong(), t.path("unchanged").asLong()));
            for (JsonNode c : t.path("columns")) {
                out.add("  column " + c.path("name").asText() + ": " + c.path("change").asText()
                        + (c.path("what").isEmpty() ? "" : " " + c.path("what")));
            }
            for (JsonNode s : t.path("samples")) {
                String sign = switch (s.path("change").asText()) {
                    case "added" -> "+";
                    case "deleted" -> "-";
                    default -> "~";
                };
                out.add("  " + sign + " record " + s.path("id").asLong());
                s.path("fields").properties().forEach(e -> out.add("      " + e.getKey() + ": "
                        + e.getValue().path("from") + " -> " + e.getValue().path("to")));
            }
        }
        items(out, "reports", d.path("reports"));
        items(out, "share links", d.path("shares"));
        return out;
    }

    private static void items(List<String> out, String what, JsonNode items) {
        for (String kind : List.of("added", "changed", "removed")) {
            if (!items.path(kind).isEmpty()) {
                out.add(what + " " + kind + ": " + items.path(kind));
            }
        }
        if (items.hasNonNull("note")) {
            out.add(what + ": " + items.path("note").asText());
        }
    }
}
