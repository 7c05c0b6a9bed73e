package dev.cairn.workspace.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of the formula grammar (docs/formulas.md), lowest precedence first: {@code or}, {@code and},
 * {@code not}, comparisons ({@code = <> < <= > >=}), {@code &}, {@code + -}, {@code * /}, unary minus, then primaries
 * (literals, names and paths, calls, parentheses). Not thread-safe: one per formula.
 */
final class Parser {
    private static final int MAX_DEPTH = 64;
    private final List<Token> tokens;
    private int at;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The tree of {@code text}; {@code stored}: the stored form with {@code {c<id>}} names. */
    static Expr parse(String text, boolean stored) {
        if (text == null || text.isBlank()) {
            throw new FormulaException("the formula is empty", 0);
        }
        Parser p = new Parser(Lexer.tokens(text, stored));
        Expr e = p.or();
        Token end = p.peek();
        if (end.kind() != Token.Kind.END) {
            throw new FormulaException("unexpected '" + end.text() + "'; an operator or the end was expected",
                    end.position());
        }
        return e;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        return tokens.get(at++);
    }

    private boolean word(String w) {
        if (peek().is(Token.Kind.NAME, w)) {
            at++;
            return true;
        }
        return false;
    }

    private Expr or() {
        Expr left = and();
        while (peek().is(Token.Kind.NAME, "or")) {
            int pos = next().position();
            left = new Expr.Binary("or", left, and(), pos);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().is(Token.Kind.NAME, "and")) {
            int pos = next().position();
            left = new Expr.Binary("and", left, not(), pos);
        }
        return left;
    }

    private Expr not() {
        if (peek().is(Token.Kind.NAME, "not")) {
            int pos = next().position();
            return new Expr.Unary("not", deeper(this::not), pos);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = concat();
        Token t = peek();
        if (t.kind() == Token.Kind.OPERATOR && List.of("=", "<>", "<", "<=", ">", ">=").contains(t.text())) {
            next();
            return new Expr.Binary(t.text(), left, concat(), t.position());
        }
        return left;
    }

    private Expr concat() {
        Expr left = additive();
        while (peek().is(Token.Kind.OPERATOR, "&")) {
            int pos = next().position();
            left = new Expr.Binary("&", left, additive(), pos);
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is(Token.Kind.OPERATOR, "+") || peek().is(Token.Kind.OPERATOR, "-")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, multiplicative(), op.position());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is(Token.Kind.OPERATOR, "*") || peek().is(Token.Kind.OPERATOR, "/")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, unary(), op.position());
        }
        return left;
    }

    private Expr unary() {
        if (peek().is(Token.Kind.OPERATOR, "-")) {
            int pos = next().position();
            return new Expr.Unary("-", deeper(this::unary), pos);
        }
        if (peek().is(Token.Kind.OPERATOR, "+")) {
            next();
            return deeper(this::unary);
        }
        return primary();
    }

    private Expr deeper(java.util.function.Supplier<Expr> rule) {
        if (++depth > MAX_DEPTH) {
            throw new FormulaException("the formula nests too deeply", peek().position());
        }
        try {
            return rule.get();
        } finally {
            depth--;
        }
    }

    private Expr primary() {
        Token t = next();
        return switch (t.kind()) {
            case NUMBER -> number(t);
            case STRING -> new Expr.Str(t.text(), t.position());
            case LPAREN -> {
                Expr inner = deeper(this::or);
                expect(Token.Kind.RPAREN, "')' to close the '(' at " + t.position());
                yield inner;
            }
            case NAME -> name(t);
            case BRACKETED, STORED_COLUMN, STORED_TABLE -> path(t);
            case END -> throw new FormulaException("the formula ends too early; a value was expected", t.position());
            default -> throw new FormulaException("unexpected '" + t.text() + "'; a value was expected",
                    t.position());
        };
    }

    private Expr name(Token t) {
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (peek().kind() == Token.Kind.LPAREN) {
            next();
            List<Expr> args = new ArrayList<>();
            if (peek().kind() != Token.Kind.RPAREN) {
                do {
                    args.add(deeper(this::or));
                } while (peek().kind() == Token.Kind.COMMA && next() != null);
            }
            expect(Token.Kind.RPAREN, "')' to close the call of " + t.text() + " at " + t.position());
            return new Expr.Call(lower, args, t.position());
        }
        if (lower.equals("true") || lower.equals("false")) {
            return new Expr.Bool(lower.equals("true"), t.position());
        }
        if (List.of("and", "or", "not").contains(lower)) {
            throw new FormulaException("'" + t.text() + "' needs a value before and after it", t.position());
        }
        return path(t);
    }

    private Expr path(Token first) {
        List<Expr.Part> parts = new ArrayList<>(List.of(part(first)));
        while (peek().kind() == Token.Kind.DOT) {
            next();
            Token t = next();
            if (t.kind() != Token.Kind.NAME && t.kind() != Token.Kind.BRACKETED
                    && t.kind() != Token.Kind.STORED_COLUMN) {
                throw new FormulaException("a column name was expected after '.'", t.position());
            }
            parts.add(part(t));
        }
        return new Expr.Ref(parts, first.position());
    }

    private static Expr.Part part(Token t) {
        return switch (t.kind()) {
            case STORED_COLUMN -> new Expr.Part(null, Long.parseLong(t.text()), false, t.position());
            case STORED_TABLE -> new Expr.Part(null, Long.parseLong(t.text()), true, t.position());
            default -> new Expr.Part(t.text(), null, false, t.position());
        };
    }

    private static Expr number(Token t) {
        try {
            return new Expr.Num(new BigDecimal(t.text()), t.position());
        } catch (NumberFormatException e) {
            throw new FormulaException("'" + t.text() + "' is not a number", t.position());
        }
    }

    private void expect(Token.Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) {
            throw new FormulaException((t.kind() == Token.Kind.END ? "the formula ends" : "'" + t.text() + "' found")
                    + " where " + what + " was expected", t.position());
        }
    }
}
