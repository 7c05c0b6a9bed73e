package dev.cairn.export.restore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code jsonl/<table>.jsonl}: one object per line, {@code id}, {@code version}, every live column by name (null
 * included); integers, references and booleans as JSON numbers and booleans, money as {@code {amount, currency}},
 * everything else as the text of {@link CopyCells}. The format that carries the most type information with the least
 * parsing, so a restore prefers it. Read with Jackson's streaming parser, token by token into the row's values (no
 * tree per row: ADR 37); other members of a record are skipped.
 */
final class JsonLinesRows implements CopyRows {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER).build();
    private final Path dir;

    JsonLinesRows(Path dir) {
        this.dir = dir;
    }

    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        String file = "jsonl/" + table.name() + ".jsonl";
        List<Column> columns = table.columns();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        long n = 0;
        try (JsonParser p = JSON.createParser(dir.resolve(file).toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                n++;
                sink.accept(row(p, t, columns, index, new Line(file, n)));
            }
        }
        return n;
    }

    /** Where a record is, put in words only for an error (a million rows build no message). */
    private record Line(String file, long n) {
        String where() {
            return file + " line " + n;
        }

        Supplier<String> at(String member) {
            return () -> where() + ", " + member;
        }
    }

    /** The record whose first token {@code t} the parser is at; leaves it at the record's last token. */
    private static SnapshotRow row(JsonParser p, JsonToken t, List<Column> columns, Map<String, Integer> index,
            Line line) throws java.io.IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw new CopyException(line.where() + ": a record without its id or version");
        }
        Value[] values = new Value[columns.size()];
        boolean[] seen = new boolean[values.length];
        Long id = null;
        Long version = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            Integer i = index.get(name);
            if (i != null) {
                seen[i] = true;
                values[i] = value(p, v, columns.get(i), line.at(name));
            } else if ("id".equals(name)) {
                id = integral(p, v);
            } else if ("version".equals(name)) {
                version = integral(p, v);
            } else {
                p.skipChildren();
            }
        }
        if (id == null || version == null) {
            throw new CopyException(line.where() + ": a record without its id or version");
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new CopyException(line.where() + ": no field '" + columns.get(i).name() + "'");
            }
        }
        return new SnapshotRow(id, version, null, null, Collections.unmodifiableList(Arrays.asList(values)));
    }

    /** A JSON number with an integral value (5 or 5.0), else null (skipping what it is). */
    private static Long integral(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : p.getLongValue();
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return Double.isFinite(d) && d == Math.rint(d) ? (long) d : null;
        }
        p.skipChildren();
        return null;
    }

    private static Value value(JsonParser p, JsonToken v, Column c, Supplier<String> where)
            throws java.io.IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (c.type()) {
            case INTEGER, REFERENCE, BOOLEAN -> {
                if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw new CopyException(where.get() + ": expected a " + c.type().wireName() + ", got "
                            + shown(p, v));
                }
                yield whole(p, v, c, where);
            }
            case MONEY -> {
                if (v != JsonToken.START_OBJECT) {
                    throw new CopyException(where.get() + ": expected {amount, currency}, got " + shown(p, v));
                }
                yield money(p, c, where);
            }
            default -> {
                if (v != JsonToken.VALUE_STRING) {
                    throw new CopyException(where.get() + ": expected text, got " + shown(p, v));
                }
                yield CopyCells.parse(c, p.getText(), null, where);
            }
        };
    }

    /** An integer, reference or boolean: the usual ones straight from the token, the rest as their text decides. */
    private static Value whole(JsonParser p, JsonToken v, Column c, Supplier<String> where)
            throws java.io.IOException {
        boolean fits = v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
        if (fits && c.type() == ColumnType.INTEGER) {
            return new Value.Whole(p.getLongValue());
        }
        if (fits && c.type() == ColumnType.REFERENCE) {
            return new Value.Reference(p.getLongValue());
        }
        if (v != JsonToken.VALUE_NUMBER_INT && c.type() == ColumnType.BOOLEAN) {
            return new Value.Bool(v == JsonToken.VALUE_TRUE);
        }
        return CopyCells.parse(c, p.getText(), null, where);
    }

    /** {@code {amount, currency}}: each a scalar's text ("" when absent or not a scalar, which the amount refuses). */
    private static Value money(JsonParser p, Column c, Supplier<String> where) throws java.io.IOException {
        String amount = "";
        String currency = "";
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            String text = t.isScalarValue() && t != JsonToken.VALUE_NULL ? scalar(p, t) : "";
            p.skipChildren();
            if ("amount".equals(name)) {
                amount = text;
            } else if ("currency".equals(name)) {
                currency = text;
            }
        }
        return CopyCells.parse(c, amount, currency, where);
    }

    /** A scalar's text as the tree model gives it ({@code asText}; a fraction as the double's text). */
    private static String scalar(JsonParser p, JsonToken t) throws java.io.IOException {
        return t == JsonToken.VALUE_NUMBER_FLOAT ? Double.toString(p.getDoubleValue()) : p.getText();
    }

    /** The offending value as a short text for a message (an object or array is skipped and named). */
    private static String shown(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
            return v == JsonToken.START_OBJECT ? "an object" : "an array";
        }
        return v == JsonToken.VALUE_STRING ? "\"" + CopyCells.abbreviate(p.getText()) + "\"" : p.getText();
    }
}
