package dev.cairn.server.http;

import dev.cairn.protocol.Problem;

/**
 * A bare HTML error page for an {@link ErrorMapper} built without the web UI (the running server uses the web UI's
 * pages, {@code dev.cairn.server.web}); all text is HTML-escaped.
 */
public final class HtmlPage {
    private HtmlPage() {
    }

    /** A complete page with {@code title} and already-escaped {@code bodyHtml}. */
    public static String page(String title, String bodyHtml) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " · cairn</title></head><body><header><a href=\"/\">cairn</a></header><main><h1>" + escape(title)
                + "</h1>" + bodyHtml + "</main></body></html>";
    }

    static String error(Problem problem) {
        return page(problem.title(), "<p role=\"alert\">" + escape(problem.detail()) + "</p><p>HTTP " + problem.status()
                + " · <code>" + escape(problem.code()) + "</code></p>");
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
