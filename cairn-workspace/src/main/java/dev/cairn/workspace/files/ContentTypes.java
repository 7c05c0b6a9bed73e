package dev.cairn.workspace.files;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The content type of an upload: what its first bytes say (sniffed: PDF, PNG, JPEG, GIF, WebP, gzip), else
 * what the client declared if it is a well-formed media type, else {@code application/octet-stream}. The type is only
 * a label for the download: downloads are always served as attachments with {@code nosniff} (ADR 29), so a declared
 * {@code text/html} can do no harm. Stateless.
 */
public final class ContentTypes {
    /** How many leading bytes {@link #of} looks at. */
    public static final int HEAD = 16;
    static final String OCTETS = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private ContentTypes() {
    }

    /** The type of a file starting with {@code head} (up to {@link #HEAD} bytes), declared as {@code declared}. */
    public static String of(byte[] head, int length, String declared) {
        String sniffed = sniff(head, length);
        if (sniffed != null) {
            return sniffed;
        }
        if (declared != null) {
            String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (MEDIA_TYPE.matcher(type).matches() && !type.startsWith("multipart/")) {
                return type;
            }
        }
        return OCTETS;
    }

    private static String sniff(byte[] h, int n) {
        if (starts(h, n, "%PDF-")) {
            return "application/pdf";
        }
        if (starts(h, n, "\u0089PNG\r\n\u001a\n")) {
            return "image/png";
        }
        if (n >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (starts(h, n, "GIF87a") || starts(h, n, "GIF89a")) {
            return "image/gif";
        }
        if (starts(h, n, "RIFF") && n >= 12 && new String(h, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("WEBP")) {
            return "image/webp";
        }
        if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
            return "application/gzip";
        }
        return null; // ZIP-based files (docx, xlsx, odt...) keep the declared type: their magic is the same
    }

    private static boolean starts(byte[] h, int n, String magic) {
        if (n < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((h[i] & 0xff) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
