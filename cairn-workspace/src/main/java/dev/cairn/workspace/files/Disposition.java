package dev.cairn.workspace.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download (RFC 6266): always {@code attachment}, so a browser saves the file
 * rather than rendering it in the server's origin, with an ASCII {@code filename} (every character outside printable
 * ASCII, and {@code "} {@code \} {@code %} {@code ;}, as {@code _}) and the exact name as {@code filename*} in UTF-8.
 * No character of a name can end the header or start another parameter. Stateless.
 */
public final class Disposition {
    private Disposition() {
    }

    /** The header value for a file named {@code name}. */
    public static String attachment(String name) {
        String safe = FileNames.safe(name);
        StringBuilder ascii = new StringBuilder();
        for (char ch : safe.toCharArray()) {
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != '%' && ch != ';' ? ch : '_');
        }
        String encoded = URLEncoder.encode(safe, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
