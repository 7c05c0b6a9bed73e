package dev.cairn.workspace.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a formula into tokens: numbers ({@code 12}, {@code 0.5}), strings in double or single quotes (a quote inside
 * is doubled), names ({@code quantity}, {@code unit_price}), names in brackets ({@code [Unit price]}), operators, and,
 * only in the stored form, {@code {c12}} / {@code {t3}}. Stateless.
 */
final class Lexer {
    /** A stored column or table id: {@code c} or {@code t} and a number that fits a long. */
    private static final java.util.regex.Pattern STORED_NAME = java.util.regex.Pattern.compile("[ct][0-9]{1,18}");

    private static final int MAX_LENGTH = 4_000;

    private Lexer() {
    }

    static List<Token> tokens(String text, boolean stored) {
        if (text.length() > MAX_LENGTH) {
            throw new FormulaException("a formula is at most " + MAX_LENGTH + " characters", 0);
        }
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (Character.isDigit(ch) || ch == '.' && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1))) {
                int end = i;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                out.add(new Token(Token.Kind.NUMBER, text.substring(i, end), pos));
                i = end;
            } else if (ch == '"' || ch == '\'') {
                i = string(text, i, ch, out);
            } else if (Character.isLetter(ch) || ch == '_') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == '_')) {
                    end++;
                }
                out.add(new Token(Token.Kind.NAME, text.substring(i, end), pos));
                i = end;
            } else if (ch == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new FormulaException("the name in brackets is not closed with ]", pos);
                }
                String name = text.substring(i + 1, end).strip();
                if (name.isEmpty()) {
                    throw new FormulaException("empty brackets: write a column's name inside", pos);
                }
                out.add(new Token(Token.Kind.BRACKETED, name, pos));
                i = end + 1;
            } else if (ch == '{' && stored) {
                int end = text.indexOf('}', i);
                String inner = end < 0 ? "" : text.substring(i + 1, end);
                if (!STORED_NAME.matcher(inner).matches()) {
                    // only a damaged store or a hostile restore bundle gets here: the server writes these itself
                    throw new FormulaException("a stored name must be {c<id>} or {t<id>}", pos);
                }
                out.add(new Token(inner.charAt(0) == 'c' ? Token.Kind.STORED_COLUMN : Token.Kind.STORED_TABLE,
                        inner.substring(1), pos));
                i = end + 1;
            } else {
                i = symbol(text, i, out);
            }
        }
        out.add(new Token(Token.Kind.END, "", text.length() + 1));
        return out;
    }

    private static int string(String text, int start, char quote, List<Token> out) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= text.length()) {
                throw new FormulaException("the text that starts here is not closed with " + quote, start + 1);
            }
            char c = text.charAt(i);
            if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                sb.append(quote);
                i += 2;
            } else if (c == quote) {
                out.add(new Token(Token.Kind.STRING, sb.toString(), start + 1));
                return i + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
    }

    private static int symbol(String text, int i, List<Token> out) {
        char ch = text.charAt(i);
        String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
            out.add(new Token(Token.Kind.OPERATOR, two.equals("!=") ? "<>" : two, i + 1));
            return i + 2;
        }
        Token.Kind kind = switch (ch) {
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case ',' -> Token.Kind.COMMA;
            case '.' -> Token.Kind.DOT;
            case '+', '-', '*', '/', '&', '=', '<', '>' -> Token.Kind.OPERATOR;
            default -> throw new FormulaException("'" + ch + "' is not part of the formula language", i + 1);
        };
        out.add(new Token(kind, String.valueOf(ch), i + 1));
        return i + 1;
    }
}
