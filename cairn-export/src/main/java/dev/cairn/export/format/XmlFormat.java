package dev.cairn.export.format;

import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * XML 1.0 (UTF-8): {@code xml/<table>.xml} valid against {@code xml/<table>.xsd} ({@link XmlSchemas}). Every column
 * has its element in every record: null is {@code xsi:nil="true"}, the empty text an empty element. Carriage returns
 * are written {@code &#13;} so parsers do not fold them into line feeds; text holding a character XML 1.0 cannot hold
 * (most control characters) is written as base64 of its UTF-8 with {@code encoding="base64"}. Names are column and
 * table names ({@code [a-z][a-z0-9_]*}), valid XML names as they are.
 */
final class XmlFormat implements Format {
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    @Override
    public String name() {
        return "xml";
    }

    @Override
    public void write(Snapshot snapshot, Entries out) throws Exception {
        for (TableDef table : snapshot.tables()) {
            try (OutputStream os = out.open("xml/" + table.name() + ".xsd")) {
                os.write(XmlSchemas.xsd(table).getBytes(StandardCharsets.UTF_8));
            }
            String path = "xml/" + table.name() + ".xml";
            long rows;
            try (Writer w = new BufferedWriter(new OutputStreamWriter(out.open(path), StandardCharsets.UTF_8), 1 << 16)) {
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<table xmlns:xsi=\"" + XSI
                        + "\" xsi:noNamespaceSchemaLocation=\"" + table.name() + ".xsd\" name=\"" + table.name()
                        + "\" cut=\"" + snapshot.seq() + "\">\n");
                List<Column> columns = table.columns();
                rows = snapshot.rows(table, AttachmentPaths.asPaths(table, row -> record(w, columns, row)));
                w.write("</table>\n");
            }
            out.rows(path, rows);
        }
    }

    private static void record(Writer w, List<Column> columns, SnapshotRow row) throws IOException {
        w.write("<record id=\"" + row.id() + "\" version=\"" + row.version() + "\">");
        for (int i = 0; i < columns.size(); i++) {
            Value value = row.values().get(i);
            String name = columns.get(i).name();
            w.write('<');
            w.write(name);
            if (value == null) {
                w.write(" xsi:nil=\"true\"/>");
                continue;
            }
            String text = Cells.text(value);
            if (value instanceof Money m) {
                w.write(" currency=\"");
                escape(w, m.currency());
                w.write('"');
            } else if (!representable(text)) {
                w.write(" encoding=\"base64\"");
                text = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            }
            w.write('>');
            escape(w, text);
            w.write("</");
            w.write(name);
            w.write('>');
        }
        w.write("</record>\n");
    }

    /** Writes text as element content or attribute value: {@code & < > "} and CR as references. */
    private static void escape(Writer w, String text) throws IOException {
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            String ref = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (ref != null) {
                w.write(text, from, i - from);
                w.write(ref);
                from = i + 1;
            }
        }
        w.write(text, from, text.length() - from);
    }

    /** Whether XML 1.0 can hold {@code text} (its Char production; lone surrogates excluded). */
    static boolean representable(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                    || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
