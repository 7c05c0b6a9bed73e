package dev.cairn.agent.mount;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Request paths to name segments and back. Nothing here touches a file system, but a path is still refused unless every
 * segment is a plain name: {@code .}, {@code ..}, an encoded {@code /}, NUL or invalid UTF-8 make a 400, so no spelling of
 * a path can step out of the namespace or name one resource two ways.
 */
final class DavPaths {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private DavPaths() {
    }

    /** The decoded segments of a raw (still percent-encoded) request path; empty segments ({@code //}, trailing /) dropped. */
    static List<String> segments(String rawPath) throws BadRequestException {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new BadRequestException("the path must start with /");
        }
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String name = decode(raw);
            if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
                throw new BadRequestException("the path segment '" + raw + "' is not allowed (no ., .. or / in names)");
            }
            out.add(name);
        }
        return out;
    }

    private static String decode(String raw) throws BadRequestException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new BadRequestException("bad percent-encoding in '" + raw + "'");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequestException("bad percent-encoding in '" + raw + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("the path is not UTF-8 after percent-decoding: '" + raw + "'");
        }
    }

    /**
     * The href of a resource: each segment percent-encoded except RFC 3986 unreserved characters and the path characters
     * {@code :@$&+,;=} (as Go's and so rclone's WebDAV servers write them), a trailing {@code /} on collections.
     */
    static String href(List<String> segments, boolean collection) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/');
            encode(s, sb);
        }
        if (collection || segments.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static void encode(String segment, StringBuilder sb) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:@$&+,;=".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
    }
}
