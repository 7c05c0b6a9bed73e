package dev.cairn.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The formats of a bundle by name: {@code csv}, {@code jsonl}, {@code xml}, {@code sql}, {@code sqlite}, {@code xlsx}. */
public final class Formats {
    /** Every format's name, in the order a bundle writes them. */
    public static final List<String> NAMES = List.of("csv", "jsonl", "xml", "sql", "sqlite", "xlsx");

    private Formats() {
    }

    /**
     * The format named {@code name}; {@code scratch} is the private directory where the SQLite format builds its file.
     */
    public static Optional<Format> named(String name, Path scratch) {
        return Optional.ofNullable(switch (name) {
            case "csv" -> new CsvFormat();
            case "jsonl" -> new JsonLinesFormat();
            case "xml" -> new XmlFormat();
            case "sql" -> new SqlFormat();
            case "sqlite" -> new SqliteFormat(scratch);
            case "xlsx" -> new XlsxFormat();
            default -> null;
        });
    }

    /** The formats named, in {@link #NAMES} order, each once; unknown names are left out. */
    public static List<Format> of(List<String> names, Path scratch) {
        List<Format> out = new ArrayList<>();
        for (String name : NAMES) {
            if (names.contains(name)) {
                named(name, scratch).ifPresent(out::add);
            }
        }
        return out;
    }
}
