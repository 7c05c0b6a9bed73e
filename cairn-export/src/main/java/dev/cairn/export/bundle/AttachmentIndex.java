package dev.cairn.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check of a bundle's attached files against {@code workspace/attachments.jsonl} (docs/spec/export-format.md §8):
 * each file the index describes is in the manifest with the size and SHA-256 the server recorded when it was
 * uploaded (so damage at rest on the server shows, not only damage in transit), and every file under
 * {@code attachments/} is described. Run after the manifest's own checks passed.
 */
final class AttachmentIndex {
    static final String PATH = "workspace/attachments.jsonl";
    static final String DIR = "attachments/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttachmentIndex() {
    }

    static void check(Path dir, Manifest manifest, List<String> problems) throws IOException {
        Map<String, FileEntry> files = new HashMap<>();
        manifest.files().forEach(f -> files.put(f.path(), f));
        Set<String> described = new HashSet<>();
        if (files.containsKey(PATH)) {
            try (BufferedReader lines = Files.newBufferedReader(dir.resolve(PATH), StandardCharsets.UTF_8)) {
                int n = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    n++;
                    described.add(entry(JSON.readTree(line), n, files, problems));
                }
            }
        }
        files.keySet().stream().filter(p -> p.startsWith(DIR) && !described.contains(p)).sorted()
                .forEach(p -> problems.add(p + ": an attached file " + PATH + " does not describe"));
    }

    /** Checks one line; returns the path it describes. */
    private static String entry(JsonNode line, int n, Map<String, FileEntry> files, List<String> problems) {
        String path = line.path("path").asText("");
        FileEntry f = files.get(path);
        if (!path.startsWith(DIR) || f == null) {
            problems.add(PATH + " line " + n + ": describes '" + path + "', which the bundle does not hold");
        } else if (f.bytes() != line.path("bytes").asLong(-1) || !f.sha256().equals(line.path("sha256").asText())) {
            problems.add(path + ": not the file that was uploaded (the server recorded " + line.path("bytes").asLong()
                    + " bytes with SHA-256 " + line.path("sha256").asText() + ")");
        }
        return path;
    }
}
