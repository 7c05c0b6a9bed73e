package dev.cairn.export.restore;

import dev.cairn.export.bundle.FileEntry;
import dev.cairn.export.bundle.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Picks and opens the format a restore reads a copy from. Without a choice, the first present of {@link #PREFERENCE},
 * the formats ordered by how much type information their files carry: JSON Lines (typed numbers, booleans and money
 * objects), SQLite (typed integers), XML (XSD types), the SQL script, XLSX, CSV (all text).
 */
public final class CopyReaders {
    public static final List<String> PREFERENCE = List.of("jsonl", "sqlite", "xml", "sql", "xlsx", "csv");

    private CopyReaders() {
    }

    /** The format to read: {@code wanted} if given (and present), else the preferred one present. */
    public static String choose(Manifest manifest, Path dir, String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            if (!PREFERENCE.contains(wanted)) {
                throw new CopyException("'" + wanted + "' is not a format of copies; one of " + PREFERENCE);
            }
            if (!present(manifest, dir, wanted)) {
                throw new CopyException("the copy has no " + wanted + " files; it has " + manifest.formats());
            }
            return wanted;
        }
        return PREFERENCE.stream().filter(f -> present(manifest, dir, f)).findFirst()
                .orElseThrow(() -> new CopyException("the copy holds no format to restore from (it lists "
                        + manifest.formats() + ")"));
    }

    /** Whether the manifest lists {@code format} and every file of it is in {@code dir}. */
    static boolean present(Manifest manifest, Path dir, String format) {
        List<FileEntry> files = filesOf(manifest, format);
        return manifest.formats().contains(format) && !files.isEmpty()
                && files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.path())));
    }

    /** The manifest's files of {@code format} (under its directory). */
    static List<FileEntry> filesOf(Manifest manifest, String format) {
        return manifest.files().stream().filter(f -> f.path().startsWith(format + "/")).toList();
    }

    /** Opens the reader of {@code format} on the copy unpacked in {@code dir}; close it if it is closeable. */
    public static CopyRows open(String format, Path dir) throws SQLException {
        return switch (format) {
            case "jsonl" -> new JsonLinesRows(dir);
            case "sqlite" -> new SqliteRows(dir);
            case "xml" -> new XmlRows(dir);
            case "sql" -> new SqlRows(dir);
            case "xlsx" -> new XlsxRows(dir);
            case "csv" -> new CsvRows(dir);
            default -> throw new CopyException("'" + format + "' is not a format of copies");
        };
    }
}
