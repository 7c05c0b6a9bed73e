package dev.cairn.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.export.ExportFixture;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every format, exported from a workspace on SQLite and on PostgreSQL and read back with an independent reader,
 * equals the records as the record service returns them: unicode, the empty text beside null, formula-like text,
 * exact decimals and money, dates, instants, references, choices, and attached files (each format's cell is the
 * file's bundle path, where the bundle holds the uploaded bytes).
 */
@ParameterizedClass(name = "from {0}")
@EnumSource(Dialect.class)
class FormatRoundTripTest {
    static final List<String> TABLES = List.of("customers", "orders", "files");
    final ExportFixture f;
    final ExportFixture.Unpacked bundle;

    FormatRoundTripTest(Dialect dialect) {
        this.f = new ExportFixture(dialect).withData();
        this.bundle = f.bundle(Formats.NAMES, true);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void csvReadsBackEqual() {
        for (String table : TABLES) {
            List<List<String>> rows = Csv.parse(bundle.file("csv/" + table + ".csv"));
            assertThat(rows.getFirst()).startsWith("id", "version");
            assertThat(rows.subList(1, rows.size()).stream().map(r -> Canonical.flat(f.types(table), r)).toList())
                    .isEqualTo(f.expected(table));
        }
    }

    @Test
    void jsonLinesReadBackEqual() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String table : TABLES) {
            List<String> names = f.table(table).columns().stream().map(c -> c.name()).toList();
            List<List<Object>> read = new ArrayList<>();
            for (String line : new String(bundle.file("jsonl/" + table + ".jsonl"), StandardCharsets.UTF_8)
                    .split("\n")) {
                JsonNode o = json.readTree(line);
                List<Object> row = new ArrayList<>(List.of(o.get("id").longValue(), o.get("version").longValue()));
                for (int i = 0; i < names.size(); i++) {
                    row.add(jsonValue(f.types(table).get(i), o.get(names.get(i))));
                }
                read.add(row);
            }
            assertThat(read).isEqualTo(f.expected(table));
        }
    }

    private static Object jsonValue(ColumnType type, JsonNode node) {
        assertThat(node).as("every column is present, null included").isNotNull();
        if (node.isNull()) {
            return null;
        }
        if (type == ColumnType.MONEY) {
            return new Money(new BigDecimal(node.get("amount").textValue()), node.get("currency").textValue());
        }
        return Canonical.of(type, node.isTextual() ? node.textValue() : node.asText());
    }

    @Test
    void xmlIsValidAgainstItsSchemaAndReadsBackEqual() throws Exception {
        for (String table : TABLES) {
            var dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            var doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(bundle.file("xml/" + table + ".xml")));
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(new StreamSource(new ByteArrayInputStream(bundle.file("xml/" + table + ".xsd"))))
                    .newValidator().validate(new DOMSource(doc));
            List<String> names = f.table(table).columns().stream().map(c -> c.name()).toList();
            NodeList records = doc.getElementsByTagName("record");
            List<List<Object>> read = new ArrayList<>();
            for (int r = 0; r < records.getLength(); r++) {
                Element e = (Element) records.item(r);
                List<Object> row = new ArrayList<>(List.of(Long.parseLong(e.getAttribute("id")),
                        Long.parseLong(e.getAttribute("version"))));
                for (int i = 0; i < names.size(); i++) {
                    row.add(xmlValue(f.types(table).get(i), (Element) e.getElementsByTagName(names.get(i)).item(0)));
                }
                read.add(row);
            }
            assertThat(read).isEqualTo(f.expected(table));
        }
    }

    private static Object xmlValue(ColumnType type, Element e) {
        if ("true".equals(e.getAttributeNS(XmlFormat.XSI, "nil"))) {
            return null;
        }
        String text = e.getTextContent();
        if ("base64".equals(e.getAttribute("encoding"))) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        Object v = Canonical.of(type, text);
        return type == ColumnType.MONEY ? new Money((BigDecimal) v, e.getAttribute("currency")) : v;
    }

    @Test
    void sqliteFileReadsBackEqual(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.sqlite");
        Files.write(file, bundle.file("sqlite/workspace.sqlite"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String table : TABLES) {
                assertThat(Sql.rows(c, table, f.table(table), false)).isEqualTo(f.expected(table));
            }
        }
    }

    @Test
    void sqlScriptLoadsIntoSqliteWithTheSqlite3Tool(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("workspace.sql");
        Files.write(script, bundle.file("sql/workspace.sql"));
        Path db = dir.resolve("loaded.sqlite");
        Process p = new ProcessBuilder("sqlite3", "-bail", db.toString(), ".read " + script).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            for (String table : TABLES) {
                assertThat(Sql.rows(c, table, f.table(table), true))
                        .as("SQLite's NUMERIC affinity keeps decimals as REAL (the spec says so)")
                        .isEqualTo(Sql.asReal(f.expected(table)));
            }
        }
    }

    @Test
    void sqlScriptLoadsIntoPostgresql() throws Exception {
        var target = TestDatabases.target(Dialect.POSTGRES);
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            c.createStatement().execute(new String(bundle.file("sql/workspace.sql"), StandardCharsets.UTF_8));
            for (String table : TABLES) {
                assertThat(Sql.rows(c, table, f.table(table), false)).isEqualTo(f.expected(table));
            }
        }
    }

    @Test
    void xlsxReadsBackEqualAndTextIsNeverAFormula() throws Exception {
        Map<String, List<List<Object>>> read = Xlsx.read(bundle.file("xlsx/workspace.xlsx"), f);
        for (String table : TABLES) {
            assertThat(read.get(table)).isEqualTo(f.expected(table));
        }
        assertThat(Xlsx.formulas(bundle.file("xlsx/workspace.xlsx"))).isZero();
    }

    @Test
    void everyAttachedFileIsInTheBundleByteExactWithItsDigest() throws Exception {
        var manifest = bundle.manifest();
        ObjectMapper json = new ObjectMapper();
        List<String> index = List.of(new String(bundle.file("workspace/attachments.jsonl"), StandardCharsets.UTF_8)
                .split("\n"));
        assertThat(index).hasSize(3);
        int seen = 0;
        for (List<Object> row : f.expected("files")) {
            long id = (Long) row.get(0);
            var record = f.ws.records().get(f.ann, "files", id);
            for (String column : List.of("scan", "photo")) {
                if (!(record.value(column) instanceof dev.cairn.workspace.model.Attachment a)) {
                    continue;
                }
                String path = "attachments/files/" + id + "/" + column + "/" + a.name();
                assertThat(row).contains(path);
                assertThat(bundle.file(path)).as(path).isEqualTo(f.uploaded.get(a.id()));
                assertThat(manifest.files()).filteredOn(e -> e.path().equals(path)).singleElement()
                        .satisfies(e -> assertThat(e.sha256()).isEqualTo(a.sha256()))
                        .satisfies(e -> assertThat(e.bytes()).isEqualTo(f.uploaded.get(a.id()).length));
                JsonNode line = json.readTree(index.stream().filter(l -> l.contains("\"" + path + "\""))
                        .findFirst().orElseThrow());
                assertThat(line.get("contentType").asText()).isEqualTo(a.contentType());
                assertThat(line.get("name").asText()).isEqualTo(a.name());
                seen++;
            }
        }
        assertThat(seen).isEqualTo(3);
        assertThat(f.uploaded.values()).extracting(b -> b.length).contains(0);
    }
}
