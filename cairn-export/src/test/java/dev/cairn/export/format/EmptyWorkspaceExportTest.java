package dev.cairn.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.export.ExportFixture;
import dev.cairn.server.db.Dialect;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/**
 * A workspace without tables (a new account's) exports in every format: a workbook must hold at least one sheet, so the
 * XLSX file holds one that says the workspace has no tables (a restore reads sheets by table name and ignores it).
 */
class EmptyWorkspaceExportTest {
    @Test
    void aWorkspaceWithoutTablesExportsInEveryFormatAndItsWorkbookSaysSo() throws Exception {
        try (ExportFixture f = new ExportFixture(Dialect.SQLITE)) {
            ExportFixture.Unpacked bundle = f.bundle(Formats.NAMES, true);
            assertThat(bundle.manifest()).isNotNull();
            try (ReadableWorkbook book = new ReadableWorkbook(
                    new ByteArrayInputStream(bundle.file(XlsxFormat.PATH)))) {
                List<Sheet> sheets = book.getSheets().toList();
                assertThat(sheets).hasSize(1);
                List<Row> rows = sheets.getFirst().read();
                assertThat(rows.getFirst().getCellText(0)).isEqualTo(XlsxFormat.NO_TABLES);
            }
        }
    }
}
