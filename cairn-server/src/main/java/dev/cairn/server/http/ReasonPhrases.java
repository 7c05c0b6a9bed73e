package dev.cairn.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Lets a handler put its own reason phrase into an HTTP/1.1 status line, which Jetty 12 otherwise always writes as the
 * standard one. restic's REST backend never reads an error response's body: all it prints is the status line
 * ({@code resp.Status}, e.g. "unexpected HTTP response (507): 507 Insufficient Storage"). A handler that sets the
 * {@link #HEADER} response header gets that text as the reason phrase instead ("507 quota full: ..."); the header
 * itself is not sent. HTTP/2 has no reason phrase, so there the header is simply dropped. ADR 44.
 */
final class ReasonPhrases {
    /** The response header a handler sets; never sent to the client. */
    static final String HEADER = "Cairn-Reason-Phrase";
    /** Longest reason phrase written; longer texts are cut at a word. */
    static final int MAX_LENGTH = 300;

    private ReasonPhrases() {
    }

    /**
     * {@code text} made fit for a status line (RFC 9112: tab, space, visible ASCII): other characters become '?',
     * runs of white space one space, at most {@link #MAX_LENGTH} characters.
     */
    static String sanitize(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.strip().toCharArray()) {
            char d = Character.isWhitespace(c) ? ' ' : c >= 0x21 && c <= 0x7e ? c : '?';
            if (d != ' ' || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
                out.append(d);
            }
        }
        if (out.length() <= MAX_LENGTH) {
            return out.toString();
        }
        int cut = out.lastIndexOf(" ", MAX_LENGTH - 3);
        return out.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH - 3) + "...";
    }

    /** An HTTP/1.1 connection factory whose connections honour {@link #HEADER}. */
    static HttpConnectionFactory connectionFactory(HttpConfiguration config) {
        return new HttpConnectionFactory(config) {
            @Override
            public Connection newConnection(Connector connector, EndPoint endPoint) {
                HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
                    @Override
                    protected HttpGenerator newHttpGenerator() {
                        return new Generator();
                    }
                };
                connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
                connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
                connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
                return configure(connection, connector, endPoint);
            }
        };
    }

    /** Replaces the response's metadata with one carrying the reason phrase when the header is present. */
    private static final class Generator extends HttpGenerator {
        @Override
        public Result generateResponse(MetaData.Response info, boolean head, ByteBuffer header, ByteBuffer chunk,
                ByteBuffer content, boolean last) throws IOException {
            return super.generateResponse(withReason(info), head, header, chunk, content, last);
        }

        private static MetaData.Response withReason(MetaData.Response info) {
            if (info == null || info.getHttpFields() == null) {
                return info;
            }
            String reason = info.getHttpFields().get(HEADER);
            if (reason == null) {
                return info;
            }
            HttpFields fields = HttpFields.build(info.getHttpFields()).remove(HEADER).asImmutable();
            return new MetaData.Response(info.getStatus(), sanitize(reason), info.getHttpVersion(), fields,
                    info.getContentLength(), info.getTrailersSupplier());
        }
    }
}
