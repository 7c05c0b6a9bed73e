package dev.cairn.workspace.formula;

/**
 * A compiled expression: SQL text and what it yields. Numbers and money are BIGINTs of value × 10^{@code scale} (as
 * the columns store them, ADR 12); money has a fixed {@code currency}; dates are ISO text; a boolean is a condition
 * (a predicate that may be NULL).
 */
record Typed(String sql, Kind kind, int scale, String currency) {
    enum Kind {
        NUMBER("a number"), MONEY("an amount of money"), TEXT("text"), DATE("a date"), BOOL("yes/no");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    static Typed number(String sql, int scale) {
        return new Typed(sql, Kind.NUMBER, scale, null);
    }

    static Typed of(String sql, Kind kind) {
        return new Typed(sql, kind, 0, null);
    }

    boolean numeric() {
        return kind == Kind.NUMBER || kind == Kind.MONEY;
    }

    Typed withSql(String text) {
        return new Typed(text, kind, scale, currency);
    }

    Typed withScale(String text, int newScale) {
        return new Typed(text, kind, newScale, currency);
    }

    /** What it yields, for messages: "an amount of money (EUR)". */
    String words() {
        return kind == Kind.MONEY && currency != null ? kind.words + " (" + currency + ")" : kind.words;
    }
}
