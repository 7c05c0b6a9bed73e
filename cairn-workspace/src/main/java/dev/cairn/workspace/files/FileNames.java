package dev.cairn.workspace.files;

/** File names of uploads made safe to store, show and put in a header or an archive path. Stateless. */
public final class FileNames {
    /** The longest name kept, in characters. */
    static final int MAX = 200;

    private FileNames() {
    }

    /**
     * The last path segment of {@code given} (a browser may send {@code C:\dir\a.pdf}), without control characters,
     * quotes or backslashes, at most {@link #MAX} characters (the extension kept); {@code "file"} when nothing is left
     * or it is {@code .} or {@code ..}.
     */
    public static String safe(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != '"' && cp != '\\'
                && Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.LINE_SEPARATOR
                && Character.getType(cp) != Character.PARAGRAPH_SEPARATOR).forEach(out::appendCodePoint);
        String clean = out.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "file";
        }
        if (clean.codePointCount(0, clean.length()) > MAX) {
            int dot = clean.lastIndexOf('.');
            String ext = dot > 0 && clean.length() - dot <= 16 ? clean.substring(dot) : "";
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX - ext.length())) + ext;
        }
        return clean;
    }
}
