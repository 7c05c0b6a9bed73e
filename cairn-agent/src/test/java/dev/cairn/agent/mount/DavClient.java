package dev.cairn.agent.mount;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JDK's HTTP client speaking WebDAV to a test server, plus a raw socket for requests the client would not send. */
final class DavClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    DavClient(String base) {
        this.base = base;
    }

    HttpResponse<byte[]> send(String method, String rawPath, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + rawPath))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> propfind(String rawPath, String depth) throws Exception {
        return send("PROPFIND", rawPath, null, "Depth", depth);
    }

    /** A PROPFIND's multistatus: one entry per response (href, then each property found with status 200). */
    static List<Element> responses(HttpResponse<byte[]> r) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        NodeList list = doc.getElementsByTagNameNS("DAV:", "response");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static String text(Element response, String davName) {
        NodeList l = response.getElementsByTagNameNS("DAV:", davName);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    static List<String> hrefs(HttpResponse<byte[]> r) throws Exception {
        return responses(r).stream().map(e -> text(e, "href")).toList();
    }

    /** Sends {@code request} (CRLF line ends added) on a new connection; returns the whole answer as text. */
    String raw(String request) throws IOException {
        URI u = URI.create(base);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((request.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(4096);
            return new String(head, StandardCharsets.UTF_8);
        }
    }
}
