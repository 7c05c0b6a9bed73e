package dev.cairn.agent.mount;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A PROPFIND request body (RFC 4918 §9.1): {@code allprop} (also an empty body), {@code propname}, or {@code prop} with
 * the property names asked for. Parsed without DTDs or external entities; anything else is a {@link BadRequestException}.
 */
record Propfind(Kind kind, List<QName> props) {
    static final String DAV = "DAV:";

    enum Kind { ALLPROP, PROPNAME, PROP }

    static final Propfind ALL = new Propfind(Kind.ALLPROP, List.of());

    static Propfind parse(byte[] body) throws BadRequestException {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return ALL;
        }
        Element root;
        try {
            root = builder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new BadRequestException("the PROPFIND body is not well-formed XML: " + e.getMessage());
        }
        if (!is(root, "propfind")) {
            throw new BadRequestException("the PROPFIND body must be a DAV: propfind element, not " + root.getNodeName());
        }
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && is(e, "allprop")) {
                return ALL;
            }
            if (c instanceof Element e && is(e, "propname")) {
                return new Propfind(Kind.PROPNAME, List.of());
            }
            if (c instanceof Element e && is(e, "prop")) {
                return new Propfind(Kind.PROP, names(e));
            }
        }
        throw new BadRequestException("the propfind element must hold allprop, propname or prop");
    }

    private static List<QName> names(Element prop) {
        List<QName> out = new ArrayList<>();
        for (Node c = prop.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(new QName(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName()));
            }
        }
        return out;
    }

    private static boolean is(Element e, String name) {
        return DAV.equals(e.getNamespaceURI()) && name.equals(e.getLocalName());
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing ("[Fatal Error]")
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }
}
