package dev.cairn.workspace.formula;

/** One token of a formula; {@code position} is 1-based. */
record Token(Kind kind, String text, int position) {
    enum Kind {
        NUMBER, STRING, NAME, BRACKETED, STORED_COLUMN, STORED_TABLE, OPERATOR, LPAREN, RPAREN, COMMA, DOT, END
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equalsIgnoreCase(t);
    }
}
