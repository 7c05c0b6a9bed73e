package dev.cairn.agent.mount;

import java.io.IOException;
import java.io.Writer;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Writes a 207 Multi-Status body (RFC 4918 §13) one response at a time, so a listing of any size streams. The live
 * properties are those of a read-only class-1 server: resourcetype, displayname, getcontentlength, getcontenttype,
 * getlastmodified, getetag, and empty supportedlock and lockdiscovery (no locks: clients such as Finder then mount
 * read-only). Properties asked for but unknown come back under 404.
 */
final class Multistatus {
    private static final List<String> FILE_PROPS = List.of("resourcetype", "displayname", "getcontentlength", "getcontenttype",
            "getlastmodified", "getetag", "supportedlock", "lockdiscovery");
    private static final List<String> DIR_PROPS = List.of("resourcetype", "displayname", "getlastmodified", "getetag",
            "supportedlock", "lockdiscovery");

    private final Writer out;
    private final Propfind request;

    Multistatus(Writer out, Propfind request) throws IOException {
        this.out = out;
        this.request = request;
        out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n");
    }

    void response(String href, Resource r) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        List<QName> missing = new ArrayList<>();
        List<String> supported = r.collection() ? DIR_PROPS : FILE_PROPS;
        switch (request.kind()) {
            case ALLPROP, PROPNAME -> supported.forEach(p -> found.put(p, request.kind() == Propfind.Kind.PROPNAME ? "" : value(p, r)));
            case PROP -> request.props().forEach(q -> {
                if (Propfind.DAV.equals(q.getNamespaceURI()) && supported.contains(q.getLocalPart())) {
                    found.put(q.getLocalPart(), value(q.getLocalPart(), r));
                } else {
                    missing.add(q);
                }
            });
        }
        out.write("<D:response><D:href>" + escape(href) + "</D:href>");
        if (!found.isEmpty() || missing.isEmpty()) {
            out.write("<D:propstat><D:prop>");
            for (Map.Entry<String, String> p : found.entrySet()) {
                out.write(p.getValue().isEmpty() ? "<D:" + p.getKey() + "/>" : "<D:" + p.getKey() + ">" + p.getValue() + "</D:" + p.getKey() + ">");
            }
            out.write("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
        }
        if (!missing.isEmpty()) {
            out.write("<D:propstat><D:prop>");
            for (QName q : missing) {
                out.write(q.getNamespaceURI().isEmpty() ? "<" + q.getLocalPart() + " xmlns=\"\"/>"
                        : "<x:" + q.getLocalPart() + " xmlns:x=\"" + escape(q.getNamespaceURI()) + "\"/>");
            }
            out.write("</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>");
        }
        out.write("</D:response>\n");
    }

    /** The property's XML content (already escaped); "" for an empty element. */
    private static String value(String prop, Resource r) {
        return switch (prop) {
            case "resourcetype" -> r.collection() ? "<D:collection/>" : "";
            case "displayname" -> escape(r.name());
            case "getcontentlength" -> r instanceof Resource.File f ? Long.toString(f.size()) : "";
            case "getcontenttype" -> contentType(r.name());
            case "getlastmodified" -> HttpDates.imf(r.mtime());
            case "getetag" -> escape(r.etag());
            default -> ""; // supportedlock, lockdiscovery: no locks
        };
    }

    void finish() throws IOException {
        out.write("</D:multistatus>\n");
        out.flush();
    }

    /** The media type for a file name, from the JDK's table by extension; {@code application/octet-stream} if unknown. */
    static String contentType(String name) {
        String type = URLConnection.getFileNameMap().getContentTypeFor(name);
        return type == null ? "application/octet-stream" : type;
    }

    /** XML character data: markup escaped, characters XML 1.0 cannot carry replaced by U+FFFD. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
