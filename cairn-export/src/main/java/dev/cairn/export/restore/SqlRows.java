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
import java.util.Locale;

/**
 * {@code sql/workspace.sql}, read as the export writes it, without running it: the {@code INSERT INTO "t" ("id", ...)
 * VALUES (...), (...);} statements of a table, literals {@code NULL}, numbers, {@code TRUE}/{@code FALSE} and quoted
 * text (quotes doubled; {@code 'a' || 'b'} joined). Exact where loading the script into SQLite would not be: decimals
 * stay the text written. Each table's statements are found by scanning the script.
 */
final class SqlRows implements CopyRows {
    static final String PATH = "sql/workspace.sql";
    private final Path dir;

    SqlRows(Path dir) {
        this.dir = dir;
    }

    @Override
    public String format() {
        return "sql";
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        FlatRows flat = new FlatRows(table);
        String head = "INSERT INTO " + SqliteRows.quote(table.name()) + " ("
                + String.join(", ", flat.names().stream().map(SqliteRows::quote).toList()) + ") VALUES";
        long n = 0;
        try (BufferedReader r = new BufferedReader(Files.newBufferedReader(dir.resolve(PATH), StandardCharsets.UTF_8),
                1 << 16)) {
            Tokens t = new Tokens(r);
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.equals(head)) {
                    if (line.startsWith("INSERT INTO " + SqliteRows.quote(table.name()) + " ")) {
                        throw new CopyException(PATH + ": the INSERTs of table " + table.name() + " do not have "
                                + "the manifest's columns");
                    }
                    continue;
                }
                do {
                    n++;
                    sink.accept(flat.row(t.tuple(), PATH + ", table " + table.name() + " record " + n));
                } while (t.afterTuple());
            }
        }
        return n;
    }

    /** Literals of the VALUES lists, read character by character from where the line reader stands. */
    private static final class Tokens {
        private final Reader r;

        Tokens(Reader r) {
            this.r = r;
        }

        /** One {@code (...)} tuple's literals as text (null for NULL). */
        List<String> tuple() throws IOException {
            expect('(');
            List<String> out = new ArrayList<>();
            while (true) {
                out.add(literal());
                int c = skipSpace();
                if (c == ')') {
                    return out;
                }
                if (c != ',') {
                    throw new CopyException(PATH + ": unexpected '" + (char) c + "' in a VALUES list");
                }
            }
        }

        /** After a tuple: true if another follows ({@code ,\n}), false at the statement's end ({@code ;\n}). */
        boolean afterTuple() throws IOException {
            int c = r.read();
            if (c == ',') {
                expect('\n');
                return true;
            }
            if (c == ';') {
                expect('\n');
                return false;
            }
            throw new CopyException(PATH + ": a VALUES list ends without ';'");
        }

        private String literal() throws IOException {
            int c = skipSpace();
            if (c == '\'') {
                StringBuilder b = new StringBuilder();
                while (true) {
                    text(b);
                    r.mark(8);
                    char[] join = new char[5];
                    int got = r.read(join);
                    if (got == 5 && new String(join).equals(" || '")) {
                        continue;
                    }
                    r.reset();
                    return b.toString();
                }
            }
            StringBuilder b = new StringBuilder();
            while (c >= 0 && c != ',' && c != ')' && c != ' ') {
                b.append((char) c);
                r.mark(1);
                c = r.read();
            }
            r.reset();
            String word = b.toString();
            return switch (word.toUpperCase(Locale.ROOT)) {
                case "NULL" -> null;
                case "TRUE" -> "true";
                case "FALSE" -> "false";
                default -> word;
            };
        }

        /** The rest of a quoted literal, its opening quote read. */
        private void text(StringBuilder b) throws IOException {
            while (true) {
                int c = r.read();
                if (c < 0) {
                    throw new CopyException(PATH + ": a text literal is not closed");
                }
                if (c == '\'') {
                    r.mark(1);
                    if (r.read() == '\'') {
                        b.append('\'');
                        continue;
                    }
                    r.reset();
                    return;
                }
                b.append((char) c);
            }
        }

        private int skipSpace() throws IOException {
            int c = r.read();
            while (c == ' ') {
                c = r.read();
            }
            return c;
        }

        private void expect(char wanted) throws IOException {
            int c = r.read();
            if (c != wanted) {
                throw new CopyException(PATH + ": expected '" + wanted + "'");
            }
        }
    }
}
