package dev.cairn.workspace.shares;

/**
 * Who asks for a share link and for what ({@code html}, {@code csv}, {@code pdf} or {@code passphrase}), as the access
 * log keeps it: the client's address (at most 64 characters) and its user agent (control characters removed, at most
 * {@link #USER_AGENT_CHARS} characters).
 */
public record Visit(String client, String userAgent, String what) {
    public static final int USER_AGENT_CHARS = 200;

    public Visit {
        client = client == null ? null : trim(client, 64);
        userAgent = userAgent == null ? null : trim(userAgent, USER_AGENT_CHARS);
    }

    private static String trim(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
