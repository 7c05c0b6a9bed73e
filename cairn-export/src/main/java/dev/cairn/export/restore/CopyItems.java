package dev.cairn.export.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The saved reports and share links a copy lists ({@code workspace/reports.json}, {@code workspace/shares.json}). */
final class CopyItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CopyItems() {
    }

    /** A saved report of the copy: id, name, table id and its definition (JSON naming columns by id). */
    record Report(long id, String name, long tableId, String definitionJson) {
    }

    /** A share link of the copy: id and the name of its report. */
    record Share(long id, String reportName) {
    }

    static List<Report> reports(Path dir) throws IOException {
        List<Report> out = new ArrayList<>();
        for (JsonNode r : read(dir.resolve("workspace/reports.json"))) {
            out.add(new Report(r.path("id").asLong(), r.path("name").asText(), r.path("tableId").asLong(),
                    r.path("definitionJson").asText()));
        }
        return out;
    }

    static List<Share> shares(Path dir) throws IOException {
        List<Share> out = new ArrayList<>();
        for (JsonNode s : read(dir.resolve("workspace/shares.json"))) {
            out.add(new Share(s.path("id").asLong(), s.path("reportName").asText()));
        }
        return out;
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.createArrayNode();
        }
        JsonNode node = JSON.readTree(file.toFile());
        if (!node.isArray()) {
            throw new CopyException(file.getFileName() + " is not a list");
        }
        return node;
    }
}
