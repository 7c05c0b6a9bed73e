package dev.cairn.export.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.export.bundle.Manifest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every table's rows as of the last export of a chain, rebuilt from its full export's JSON Lines files and the changes
 * of each incremental export (docs/spec/export-format.md §7, "Rebuilding"). Rows are the JSON Lines objects, keyed by
 * record id. Holds the rows in memory: for checking and for copies that fit. Immutable once built.
 */
public final class ChainState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<Long, Table> tables;

    private ChainState(Map<Long, Table> tables) {
        this.tables = Collections.unmodifiableMap(tables);
    }

    /** One table: its id, name and rows by record id. */
    public record Table(long id, String name, SortedMap<Long, ObjectNode> rows) {
    }

    /** The tables by id, in the order of the last manifest's schema. */
    public Map<Long, Table> tables() {
        return tables;
    }

    /** The table named {@code name}. */
    public Table table(String name) {
        return tables.values().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }

    /**
     * Rebuilds the state of a chain (its full export first; see {@link Chains#to}); every link is checked again.
     *
     * @throws ChainException if a link is broken or the full export has no JSON Lines files
     */
    public static ChainState rebuild(List<Link> chain) throws IOException {
        Link full = chain.getFirst();
        if (full.incremental() || !full.manifest().formats().contains("jsonl")) {
            throw new ChainException(full.dir() + ": a chain starts with a full export with the jsonl format");
        }
        Map<Long, Table> state = new LinkedHashMap<>();
        for (TableRef t : TableRef.of(full.manifest())) {
            state.put(t.id(), new Table(t.id(), t.name(), rows(full.dir(), t.name())));
        }
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i).chainsTo(chain.get(i - 1))) {
                throw new ChainException(chain.get(i).dir() + ": not an increment of " + chain.get(i - 1).dir());
            }
            state = apply(state, chain.get(i));
        }
        return new ChainState(state);
    }

    private static Map<Long, Table> apply(Map<Long, Table> before, Link increment) throws IOException {
        Manifest.Changes changes = increment.manifest().changes();
        Set<Long> replaced = new HashSet<>(changes.replaced());
        Set<Long> merged = new HashSet<>(changes.merged());
        Map<Long, Set<Long>> deleted = deleted(increment.dir());
        Map<Long, Table> after = new LinkedHashMap<>();
        for (TableRef t : TableRef.of(increment.manifest())) {
            Table old = before.get(t.id());
            SortedMap<Long, ObjectNode> rows;
            if (replaced.contains(t.id())) {
                rows = rows(increment.dir(), t.name());
            } else if (old == null) {
                throw new ChainException(increment.dir() + ": table " + t.name() + " is neither new nor in the "
                        + "previous export");
            } else {
                rows = new TreeMap<>(old.rows());
                if (merged.contains(t.id())) {
                    rows.putAll(rows(increment.dir(), t.name()));
                    deleted.getOrDefault(t.id(), Set.of()).forEach(rows::remove);
                }
            }
            after.put(t.id(), new Table(t.id(), t.name(), rows));
        }
        return after;
    }

    private static SortedMap<Long, ObjectNode> rows(Path dir, String table) throws IOException {
        SortedMap<Long, ObjectNode> rows = new TreeMap<>();
        Path file = dir.resolve("jsonl").resolve(table + ".jsonl");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ObjectNode row = (ObjectNode) JSON.readTree(line);
                rows.put(row.get("id").longValue(), row);
            }
        }
        return rows;
    }

    private static Map<Long, Set<Long>> deleted(Path dir) throws IOException {
        Map<Long, Set<Long>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(Manifest.DELETED_PATH), StandardCharsets.UTF_8)) {
            JsonNode d = JSON.readTree(line);
            out.computeIfAbsent(d.get("table").longValue(), t -> new HashSet<>()).add(d.get("id").longValue());
        }
        return out;
    }

    /** Writes {@code jsonl/<table>.jsonl} of every table into {@code dir}, rows in id order. */
    public void writeJsonLines(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jsonl"));
        for (Table t : tables.values()) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("jsonl").resolve(t.name() + ".jsonl"),
                    StandardCharsets.UTF_8)) {
                for (ObjectNode row : t.rows().values()) {
                    out.write(JSON.writeValueAsString(row));
                    out.write('\n');
                }
            }
        }
    }

    /** A table of a manifest's schema: its id and name. */
    private record TableRef(long id, String name) {
        @SuppressWarnings("unchecked")
        static List<TableRef> of(Manifest m) {
            List<Map<String, Object>> tables = (List<Map<String, Object>>) m.schema().get("tables");
            return tables.stream().map(t -> new TableRef(((Number) t.get("id")).longValue(), (String) t.get("name")))
                    .toList();
        }
    }
}
