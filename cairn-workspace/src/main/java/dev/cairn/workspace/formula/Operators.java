package dev.cairn.workspace.formula;

import dev.cairn.workspace.formula.Typed.Kind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The binary operators: arithmetic on exact scaled numbers and money, dates, {@code &}, comparisons, and/or. */
final class Operators {
    private Operators() {
    }

    static Typed binary(Compiler c, SqlParts sql, Compiler.Scope s, Expr.Binary b) {
        Typed l = c.expr(s, b.left());
        Typed r = c.expr(s, b.right());
        return switch (b.op()) {
            case "+", "-" -> additive(sql, b, l, r);
            case "*" -> multiply(b, l, r);
            case "/" -> divide(b, l, r);
            case "&" -> Typed.of("(COALESCE(" + Functions.asText(sql, l) + ", '') || COALESCE("
                    + Functions.asText(sql, r) + ", ''))", Kind.TEXT);
            case "and", "or" -> {
                Compiler.expect(l, Kind.BOOL, "'" + b.op() + "'", b.position());
                Compiler.expect(r, Kind.BOOL, "'" + b.op() + "'", b.position());
                yield Typed.of("((" + l.sql() + ") " + b.op().toUpperCase(java.util.Locale.ROOT) + " (" + r.sql()
                        + "))", Kind.BOOL);
            }
            default -> compare(b, l, r);
        };
    }

    private static Typed additive(SqlParts sql, Expr.Binary b, Typed l, Typed r) {
        if (l.kind() == Kind.DATE && r.kind() == Kind.NUMBER && r.scale() == 0) {
            return Typed.of(sql.addDays(l.sql(), b.op().equals("+") ? r.sql() : "-(" + r.sql() + ")"), Kind.DATE);
        }
        if (l.kind() == Kind.DATE && r.kind() == Kind.DATE && b.op().equals("-")) {
            return Typed.number(sql.daysBetween(r.sql(), l.sql()), 0);
        }
        Typed[] both = align(b, l, r, "'" + b.op() + "'");
        return both[0].withSql("((" + both[0].sql() + ") " + b.op() + " (" + both[1].sql() + "))");
    }

    private static Typed multiply(Expr.Binary b, Typed l, Typed r) {
        numbers(b, l, r);
        if (l.kind() == Kind.MONEY && r.kind() == Kind.MONEY) {
            throw new FormulaException("two amounts of money cannot be multiplied", b.position());
        }
        Typed base = l.kind() == Kind.MONEY ? l : r;
        int scale = l.scale() + r.scale();
        String product = "(" + l.sql() + ") * (" + r.sql() + ")";
        int target = base.kind() == Kind.MONEY ? base.scale() : Math.min(scale, SqlParts.MAX_SCALE);
        return base.withScale(SqlParts.rescale(product, scale, target), target);
    }

    private static Typed divide(Expr.Binary b, Typed l, Typed r) {
        numbers(b, l, r);
        if (r.kind() == Kind.MONEY && l.kind() != Kind.MONEY) {
            throw new FormulaException("a number cannot be divided by an amount of money", b.position());
        }
        Kind kind = l.kind() == Kind.MONEY && r.kind() != Kind.MONEY ? Kind.MONEY : Kind.NUMBER;
        int scale = kind == Kind.MONEY ? l.scale()
                : Math.min(SqlParts.MAX_SCALE, Math.max(2, Math.max(l.scale(), r.scale())));
        int k = scale - l.scale() + r.scale();
        String text = "CAST(ROUND((" + l.sql() + ") * 1.0 * " + SqlParts.pow10(k) + " / NULLIF(" + r.sql()
                + ", 0)) AS BIGINT)";
        return new Typed(text, kind, scale, kind == Kind.MONEY ? l.currency() : null);
    }

    private static void numbers(Expr.Binary b, Typed l, Typed r) {
        if (!l.numeric() || !r.numeric()) {
            throw new FormulaException("'" + b.op() + "' needs numbers or money, not " + (l.numeric() ? r : l).words(),
                    b.position());
        }
    }

    /** Both sides as one kind at one scale (numbers beside money become money); refuses what cannot be mixed. */
    static Typed[] align(Expr.Binary b, Typed l, Typed r, String what) {
        if (l.numeric() && r.numeric()) {
            if (l.kind() == Kind.MONEY && r.kind() == Kind.MONEY && !l.currency().equals(r.currency())) {
                throw new FormulaException(what + " mixes " + l.currency() + " and " + r.currency(), b.position());
            }
            Typed base = l.kind() == Kind.MONEY ? l : r;
            int scale = Math.max(l.scale(), r.scale());
            return new Typed[] {
                new Typed(SqlParts.rescale(l.sql(), l.scale(), scale), base.kind(), scale, base.currency()),
                new Typed(SqlParts.rescale(r.sql(), r.scale(), scale), base.kind(), scale, base.currency())};
        }
        if (l.kind() != r.kind() || l.kind() != Kind.TEXT && l.kind() != Kind.DATE && l.kind() != Kind.BOOL
                || what.equals("'+'") || what.equals("'-'")) {
            throw new FormulaException(what + " cannot combine " + l.words() + " with " + r.words(), b.position());
        }
        return new Typed[] {l, r};
    }

    private static Typed compare(Expr.Binary b, Typed l, Typed r) {
        if (l.kind() == Kind.DATE && b.right() instanceof Expr.Str str) {
            r = dateLiteral(str, r);
        } else if (r.kind() == Kind.DATE && b.left() instanceof Expr.Str str) {
            l = dateLiteral(str, l);
        }
        Typed[] both = align(b, l, r, "'" + b.op() + "'");
        return Typed.of("((" + both[0].sql() + ") " + b.op() + " (" + both[1].sql() + "))", Kind.BOOL);
    }

    private static Typed dateLiteral(Expr.Str str, Typed compiled) {
        try {
            LocalDate.parse(str.value());
            return Typed.of(compiled.sql(), Kind.DATE);
        } catch (DateTimeParseException e) {
            throw new FormulaException("'" + str.value() + "' is not a date; write it as \"2026-12-31\"",
                    str.position());
        }
    }
}
