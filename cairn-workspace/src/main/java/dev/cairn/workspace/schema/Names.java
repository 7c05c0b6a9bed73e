package dev.cairn.workspace.schema;

import dev.cairn.workspace.model.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** The rule for names of tables and columns: what users type, and never part of SQL text. Stateless. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final List<String> RESERVED = List.of("id", "version");

    private Names() {
    }

    /** Adds a failure under {@code path} unless {@code name} is a valid, unreserved name. */
    static void check(String name, String path, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError(path, "is missing"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError(path, "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    + "' is not a valid name: start with a-z, then a-z, 0-9 or _, at most 63 characters"));
        } else if (RESERVED.contains(name)) {
            errors.add(new FieldError(path, "'" + name + "' is reserved for the record's own " + name));
        }
    }

    /** Whether {@code name} is a valid, unreserved name. */
    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    /**
     * The machine name of something people called {@code label} ({@code Country Code} → {@code country_code},
     * {@code Größe (cm)} → {@code grosse_cm}): lower case ASCII letters and digits with {@code _} between words, a
     * leading {@code c_} when it would start with a digit, {@code column} when nothing is left, at most 63
     * characters; then {@code _2}, {@code _3}, … until it is none of {@code taken} and not reserved. Made once, when
     * the table or column is created, so a later change of the label never changes it.
     */
    static String derive(String label, java.util.Collection<String> taken) {
        String ascii = java.text.Normalizer.normalize(label == null ? "" : label, java.text.Normalizer.Form.NFKD)
                .replace("ß", "ss").replaceAll("\\p{M}+", "").toLowerCase(java.util.Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            slug = "column";
        } else if (!Character.isLetter(slug.charAt(0))) {
            slug = "c_" + slug;
        }
        slug = trim(slug, 63);
        String name = slug;
        for (int n = 2; taken.contains(name) || RESERVED.contains(name); n++) {
            name = trim(slug, 63 - ("_" + n).length()) + "_" + n;
        }
        return name;
    }

    private static String trim(String s, int max) {
        String cut = s.length() <= max ? s : s.substring(0, max);
        return cut.endsWith("_") ? cut.substring(0, cut.length() - 1) : cut;
    }

    /** Names for a message: {@code 'a', 'b'}. */
    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
