package dev.cairn.workspace.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * XLSX files for import tests, written part by part (the smallest workbook spreadsheet programs open): a valid one, and
 * the same with a hostile XML part.
 */
public final class Workbooks {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private Workbooks() {
    }

    private static final String DTD = "<!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>";

    /** A one-sheet workbook with a header row {@code name,email} and one customer. */
    public static byte[] customers() throws IOException {
        return workbook(false, false);
    }

    /**
     * {@link #customers()} whose sheet declares a DTD with an external entity and uses it in a cell (the shape of an XXE
     * attempt: a parser that resolved it would put a server file into the import). Read as rows are read.
     */
    public static byte[] withDtdEntityInTheSheet() throws IOException {
        return workbook(false, true);
    }

    /** The same with the entity in the workbook part, as the sheet's name: read when the workbook is opened. */
    public static byte[] withDtdEntityInTheWorkbook() throws IOException {
        return workbook(true, false);
    }

    private static byte[] workbook(boolean workbookEntity, boolean sheetEntity) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", DECLARATION + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
                + "PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        parts.put("_rels/.rels", DECLARATION + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                + "2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", DECLARATION + (workbookEntity ? DTD : "") + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                + "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"" + (workbookEntity ? "&secret;" : "Customers") + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", DECLARATION + "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
                + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        String customer = sheetEntity ? "&secret;" : "Acme";
        parts.put("xl/worksheets/sheet1.xml", DECLARATION + (sheetEntity ? DTD : "") + "<worksheet xmlns=\"http://schemas."
                + "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\">" + cell("A1", "name") + cell("B1", "email") + "</row>"
                + "<row r=\"2\">" + cell("A2", customer) + cell("B2", "ap@acme.test") + "</row>"
                + "</sheetData></worksheet>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String cell(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }
}
