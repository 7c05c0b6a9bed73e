package dev.cairn.export.format;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import java.util.ArrayList;
import java.util.List;

/** The flat output columns of a table: {@code id}, {@code version}, then each live column (money: two). */
public final class Fields {
    private Fields() {
    }

    public static List<Field> of(TableDef table) {
        List<Field> out = new ArrayList<>();
        out.add(new Field("id", Field.Kind.ID, null, -1));
        out.add(new Field("version", Field.Kind.VERSION, null, -1));
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            out.add(new Field(c.name(), Field.Kind.VALUE, c, i));
            if (c.type() == ColumnType.MONEY) {
                out.add(new Field(c.name() + ".currency", Field.Kind.CURRENCY, c, i));
            }
        }
        return List.copyOf(out);
    }
}
