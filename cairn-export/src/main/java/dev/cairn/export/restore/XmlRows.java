package dev.cairn.export.restore;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * {@code xml/<table>.xml}: {@code <record id version>} elements holding one element per live column in column order;
 * {@code xsi:nil="true"} is null, an empty element the empty text, money carries {@code currency}, text XML cannot hold
 * is base64 with {@code encoding="base64"}. Read with StAX (no DTDs, no external entities).
 */
final class XmlRows implements CopyRows {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private final Path dir;
    private final XMLInputFactory factory = XMLInputFactory.newFactory();

    XmlRows(Path dir) {
        this.dir = dir;
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    @Override
    public String format() {
        return "xml";
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        String file = "xml/" + table.name() + ".xml";
        long n = 0;
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            XMLStreamReader x = factory.createXMLStreamReader(in, "UTF-8");
            try {
                while (x.hasNext()) {
                    if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("record")) {
                        n++;
                        sink.accept(record(x, table, file + " record " + n));
                    }
                }
            } finally {
                x.close();
            }
        }
        return n;
    }

    private static SnapshotRow record(XMLStreamReader x, TableDef table, String where) throws Exception {
        String id = x.getAttributeValue(null, "id");
        String version = x.getAttributeValue(null, "version");
        if (id == null || version == null) {
            throw new CopyException(where + ": a record without its id or version");
        }
        List<Column> columns = table.columns();
        Value[] values = new Value[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            if (x.nextTag() != XMLStreamConstants.START_ELEMENT || !x.getLocalName().equals(c.name())) {
                throw new CopyException(where + ": expected <" + c.name() + ">");
            }
            boolean nil = "true".equals(x.getAttributeValue(XSI, "nil"));
            String currency = x.getAttributeValue(null, "currency");
            boolean base64 = "base64".equals(x.getAttributeValue(null, "encoding"));
            String text = x.getElementText();
            if (base64) {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            }
            values[i] = nil ? null : CopyCells.parse(c, text, currency, where + ", " + c.name());
        }
        if (x.nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw new CopyException(where + ": more elements than the table has columns");
        }
        try {
            return new SnapshotRow(Long.parseLong(id), Long.parseLong(version), null, null,
                    Collections.unmodifiableList(Arrays.asList(values)));
        } catch (NumberFormatException e) {
            throw new CopyException(where + ": the id or version is not a number");
        }
    }
}
