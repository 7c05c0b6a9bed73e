package dev.cairn.export.restore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code jsonl/<table>.jsonl}: one object per line, {@code id}, {@code version}, every live column by name (null
 * included); integers, references and booleans as JSON numbers and booleans, money as {@code {amount, currency}},
 * everything else as the text of {@link CopyCells}. The format that carries the most type information with the least
 * parsing, so a restore prefers it.
 */
final class JsonLinesRows implements CopyRows {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
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
        long n = 0;
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(dir.resolve(file).toFile())) {
            while (it.hasNextValue()) {
                n++;
                sink.accept(row(table, it.nextValue(), file + " line " + n));
            }
        }
        return n;
    }

    private static SnapshotRow row(TableDef table, JsonNode o, String where) {
        if (!o.path("id").canConvertToExactIntegral() || !o.path("version").canConvertToExactIntegral()) {
            throw new CopyException(where + ": a record without its id or version");
        }
        List<Column> columns = table.columns();
        Value[] values = new Value[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            if (!o.has(c.name())) {
                throw new CopyException(where + ": no field '" + c.name() + "'");
            }
            values[i] = value(c, o.get(c.name()), where + ", " + c.name());
        }
        return new SnapshotRow(o.get("id").asLong(), o.get("version").asLong(), null, null,
                Collections.unmodifiableList(Arrays.asList(values)));
    }

    private static Value value(Column c, JsonNode v, String where) {
        if (v.isNull()) {
            return null;
        }
        return switch (c.type()) {
            case INTEGER, REFERENCE, BOOLEAN -> {
                if (!v.isIntegralNumber() && !v.isBoolean()) {
                    throw new CopyException(where + ": expected a " + c.type().wireName() + ", got " + v);
                }
                yield CopyCells.parse(c, v.asText(), null, where);
            }
            case MONEY -> {
                if (!v.isObject()) {
                    throw new CopyException(where + ": expected {amount, currency}, got " + v);
                }
                Value amount = CopyCells.parse(c, v.path("amount").asText(), v.path("currency").asText(), where);
                yield (Money) amount;
            }
            default -> {
                if (!v.isTextual()) {
                    throw new CopyException(where + ": expected text, got " + v);
                }
                yield CopyCells.parse(c, v.asText(), null, where);
            }
        };
    }
}
