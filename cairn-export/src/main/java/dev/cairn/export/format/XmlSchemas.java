package dev.cairn.export.format;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;

/**
 * The XSD of a table's XML file ({@link XmlFormat}): a {@code table} of {@code record}s (attributes {@code id},
 * {@code version}) with one element per live column in column order, each typed ({@code xs:string}, {@code xs:long},
 * {@code xs:decimal}, {@code xs:date}, {@code xs:dateTime}, {@code xs:boolean}) and nillable; money has a
 * {@code currency} attribute; text may carry {@code encoding="base64"} (text XML 1.0 cannot hold).
 */
final class XmlSchemas {
    private XmlSchemas() {
    }

    static String xsd(TableDef table) {
        StringBuilder s = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">
                  <xs:element name="table">
                    <xs:complexType>
                      <xs:sequence>
                        <xs:element name="record" minOccurs="0" maxOccurs="unbounded">
                          <xs:complexType>
                            <xs:sequence>
                """);
        for (Column c : table.columns()) {
            s.append("              ").append(element(c)).append('\n');
        }
        s.append("""
                            </xs:sequence>
                            <xs:attribute name="id" type="xs:long" use="required"/>
                            <xs:attribute name="version" type="xs:long" use="required"/>
                          </xs:complexType>
                        </xs:element>
                      </xs:sequence>
                      <xs:attribute name="name" type="xs:string" use="required"/>
                      <xs:attribute name="cut" type="xs:long" use="required"/>
                    </xs:complexType>
                  </xs:element>
                </xs:schema>
                """);
        return s.toString();
    }

    private static String element(Column c) {
        String open = "<xs:element name=\"" + c.name() + "\" nillable=\"true\"";
        if (c.type() == ColumnType.MONEY) {
            return open + "><xs:complexType><xs:simpleContent><xs:extension base=\"xs:decimal\">"
                    + "<xs:attribute name=\"currency\" type=\"xs:string\"/></xs:extension></xs:simpleContent>"
                    + "</xs:complexType></xs:element>";
        }
        if (c.type().isTextual()) {
            return open + "><xs:complexType><xs:simpleContent><xs:extension base=\"xs:string\">"
                    + "<xs:attribute name=\"encoding\" type=\"xs:string\" fixed=\"base64\"/></xs:extension>"
                    + "</xs:simpleContent></xs:complexType></xs:element>";
        }
        return open + " type=\"" + simpleType(c.type()) + "\"/>";
    }

    private static String simpleType(ColumnType type) {
        return switch (type) {
            case INTEGER, REFERENCE -> "xs:long";
            case DECIMAL -> "xs:decimal";
            case DATE -> "xs:date";
            case DATETIME -> "xs:dateTime";
            case BOOLEAN -> "xs:boolean";
            default -> "xs:string";
        };
    }
}
