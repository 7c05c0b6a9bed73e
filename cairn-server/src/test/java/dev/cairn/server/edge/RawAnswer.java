package dev.cairn.server.edge;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one HTTP/1.1 answer (head and a chunked or sized body) from a raw connection; test helper. */
final class RawAnswer {
    private RawAnswer() {
    }

    /** The head and body as text; throws EOFException if the connection ends first (the server closed it). */
    static String read(InputStream in) throws IOException {
        String head = line(in, true);
        StringBuilder all = new StringBuilder(head);
        long length = 0;
        boolean chunked = false;
        for (String h = line(in, false); !h.isEmpty(); h = line(in, false)) {
            all.append(h);
            String lower = h.toLowerCase(Locale.ROOT).strip();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
            if (h.equals("\r\n")) {
                break;
            }
        }
        if (chunked) {
            for (long size = chunk(in); size > 0; size = chunk(in)) {
                all.append(new String(in.readNBytes((int) size), StandardCharsets.UTF_8));
                line(in, false);
            }
            line(in, false);
        } else {
            all.append(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    private static long chunk(InputStream in) throws IOException {
        return Long.parseLong(line(in, false).strip().split(";")[0], 16);
    }

    private static String line(InputStream in, boolean first) throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException(first ? "the server closed the connection before answering" : "cut off");
            }
            bytes.write(b);
        }
        bytes.write('\n');
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.equals("\r\n") ? "" : text;
    }
}
