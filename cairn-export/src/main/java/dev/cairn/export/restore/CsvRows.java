package dev.cairn.export.restore;

import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code csv/<table>.csv} (RFC 4180, UTF-8, CRLF): a header of the flat field names, then a line per record. An empty
 * unquoted field is null, {@code ""} the empty text; quoted fields may hold commas, quotes (doubled), CR and LF.
 */
final class CsvRows implements CopyRows {
    private final Path dir;

    CsvRows(Path dir) {
        this.dir = dir;
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        String file = "csv/" + table.name() + ".csv";
        FlatRows flat = new FlatRows(table);
        long n = 0;
        try (Reader r = new BufferedReader(Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8),
                1 << 16)) {
            Line line = new Line(r, file);
            List<String> header = line.next();
            if (header == null) {
                throw new CopyException(file + ": empty, not even a header");
            }
            flat.checkHeader(header, file);
            for (List<String> cells = line.next(); cells != null; cells = line.next()) {
                n++;
                sink.accept(flat.row(cells, file + " record " + n));
            }
        }
        return n;
    }

    /** A strict RFC 4180 line reader that keeps an unquoted empty field (null) apart from {@code ""}. */
    static final class Line {
        private final Reader r;
        private final String file;
        private int peek = -2;

        Line(Reader r, String file) {
            this.r = r;
            this.file = file;
        }

        private int read() throws IOException {
            if (peek != -2) {
                int c = peek;
                peek = -2;
                return c;
            }
            return r.read();
        }

        /** The fields of the next line, or null at the end. */
        List<String> next() throws IOException {
            int c = read();
            if (c < 0) {
                return null;
            }
            peek = c;
            List<String> fields = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            while (true) {
                c = read();
                String field;
                if (c == '"') {
                    b.setLength(0);
                    while (true) {
                        c = read();
                        if (c < 0) {
                            throw new CopyException(file + ": a quoted field is not closed");
                        }
                        if (c == '"') {
                            int d = read();
                            if (d != '"') {
                                peek = d;
                                break;
                            }
                        }
                        b.append((char) c);
                    }
                    field = b.toString();
                    c = read();
                } else {
                    b.setLength(0);
                    while (c >= 0 && c != ',' && c != '\r' && c != '\n') {
                        b.append((char) c);
                        c = read();
                    }
                    field = b.isEmpty() ? null : b.toString();
                }
                fields.add(field);
                if (c == ',') {
                    continue;
                }
                if (c == '\r') {
                    if (read() != '\n') {
                        throw new CopyException(file + ": a CR that does not end a line outside quotes");
                    }
                    return fields;
                }
                if (c < 0 || c == '\n') {
                    return fields;
                }
                throw new CopyException(file + ": '" + (char) c + "' after a quoted field");
            }
        }
    }
}
