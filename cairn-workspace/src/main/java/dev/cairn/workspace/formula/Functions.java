package dev.cairn.workspace.formula;

import dev.cairn.workspace.formula.Typed.Kind;
import java.util.List;
import java.util.Locale;

/** The functions of the formula language other than rollups (docs/formulas.md lists them). */
final class Functions {
    static final List<String> NAMES = List.of("if", "round", "abs", "upper", "lower", "trim", "len", "left", "text",
            "today", "year", "month", "day", "days_between", "add_days", "is_empty", "coalesce");
    private final Compiler compiler;
    private final SqlParts sql;

    Functions(Compiler compiler, SqlParts sql) {
        this.compiler = compiler;
        this.sql = sql;
    }

    Typed call(Compiler.Scope s, Expr.Call c) {
        List<Expr> args = c.args();
        String f = c.function();
        return switch (f) {
            case "if" -> ifThen(s, c);
            case "round" -> round(s, c);
            case "abs" -> {
                Typed v = numeric(s, c, 1).getFirst();
                yield v.withSql("ABS(" + v.sql() + ")");
            }
            case "upper", "lower", "trim" -> Typed.of(f.toUpperCase(Locale.ROOT) + "(" + arg(s, c, 1, 0, Kind.TEXT)
                    .sql() + ")", Kind.TEXT);
            case "len" -> Typed.number(sql.length(arg(s, c, 1, 0, Kind.TEXT).sql()), 0);
            case "left" -> Typed.of("substr(" + arg(s, c, 2, 0, Kind.TEXT).sql() + ", 1, " + whole(s, c, 1) + ")",
                    Kind.TEXT);
            case "text" -> {
                count(c, 1);
                yield Typed.of(asText(sql, compiler.expr(s, args.getFirst())), Kind.TEXT);
            }
            case "today" -> {
                count(c, 0);
                yield Typed.of(sql.today(), Kind.DATE);
            }
            case "year", "month", "day" -> Typed.number(sql.datePart(arg(s, c, 1, 0, Kind.DATE).sql(), f), 0);
            case "days_between" -> Typed.number(sql.daysBetween(arg(s, c, 2, 0, Kind.DATE).sql(),
                    arg(s, c, 2, 1, Kind.DATE).sql()), 0);
            case "add_days" -> Typed.of(sql.addDays(arg(s, c, 2, 0, Kind.DATE).sql(), whole(s, c, 1)), Kind.DATE);
            case "is_empty" -> {
                count(c, 1);
                Typed v = compiler.expr(s, args.getFirst());
                yield Typed.of(v.kind() == Kind.TEXT ? "((" + v.sql() + ") IS NULL OR (" + v.sql() + ") = '')"
                        : "((" + v.sql() + ") IS NULL)", Kind.BOOL);
            }
            case "coalesce" -> coalesce(s, c);
            default -> throw new FormulaException("unknown function '" + f + "'", c.position(), suggest(f));
        };
    }

    private static String suggest(String f) {
        String best = null;
        int bestD = 3;
        for (String n : concat(NAMES, List.of("sum", "avg", "min", "max", "count"))) {
            int d = NameMatch.distance(f, n);
            if (d < bestD) {
                best = n;
                bestD = d;
            }
        }
        return best;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void count(Expr.Call c, int n) {
        if (c.args().size() != n) {
            throw new FormulaException(c.function() + "(...) takes " + (n == 0 ? "no values" : n == 1 ? "one value"
                    : n + " values") + ", not " + c.args().size(), c.position());
        }
    }

    private Typed arg(Compiler.Scope s, Expr.Call c, int n, int i, Kind kind) {
        count(c, n);
        Typed v = compiler.expr(s, c.args().get(i));
        Compiler.expect(v, kind, c.function() + "(...)", c.args().get(i).position());
        return v;
    }

    private List<Typed> numeric(Compiler.Scope s, Expr.Call c, int n) {
        count(c, n);
        Typed v = compiler.expr(s, c.args().getFirst());
        if (!v.numeric()) {
            throw new FormulaException(c.function() + "(...) needs a number, not " + v.words(), c.position());
        }
        return List.of(v);
    }

    /** Argument {@code i} as a whole number's SQL. */
    private String whole(Compiler.Scope s, Expr.Call c, int i) {
        Typed v = compiler.expr(s, c.args().get(i));
        if (v.kind() != Kind.NUMBER || v.scale() != 0) {
            throw new FormulaException(c.function() + "(...) needs a whole number here", c.args().get(i).position());
        }
        return v.sql();
    }

    private Typed ifThen(Compiler.Scope s, Expr.Call c) {
        if (c.args().size() != 2 && c.args().size() != 3) {
            throw new FormulaException("if(condition, then, else) takes two or three values", c.position());
        }
        Typed cond = compiler.expr(s, c.args().getFirst());
        Compiler.expect(cond, Kind.BOOL, "the condition of if(...)", c.args().getFirst().position());
        Typed then = compiler.expr(s, c.args().get(1));
        if (c.args().size() == 2) {
            return then.withSql("CASE WHEN " + cond.sql() + " THEN " + then.sql() + " END");
        }
        Typed other = compiler.expr(s, c.args().get(2));
        Typed[] both = Operators.align(new Expr.Binary("if", c.args().get(1), c.args().get(2), c.position()), then,
                other, "if(...)");
        return both[0].withSql("CASE WHEN " + cond.sql() + " THEN " + both[0].sql() + " ELSE " + both[1].sql()
                + " END");
    }

    private Typed coalesce(Compiler.Scope s, Expr.Call c) {
        if (c.args().size() < 2) {
            throw new FormulaException("coalesce(...) takes two or more values", c.position());
        }
        Typed acc = compiler.expr(s, c.args().getFirst());
        StringBuilder parts = new StringBuilder();
        List<Typed> all = new java.util.ArrayList<>(List.of(acc));
        for (int i = 1; i < c.args().size(); i++) {
            all.add(compiler.expr(s, c.args().get(i)));
        }
        Typed kind = all.getFirst();
        for (Typed t : all.subList(1, all.size())) {
            kind = Operators.align(new Expr.Binary("coalesce", c, c, c.position()), kind, t, "coalesce(...)")[0];
        }
        for (Typed t : all) {
            Typed[] aligned = Operators.align(new Expr.Binary("coalesce", c, c, c.position()), kind, t,
                    "coalesce(...)");
            parts.append(parts.isEmpty() ? "" : ", ").append(aligned[1].sql());
        }
        return kind.withSql("COALESCE(" + parts + ")");
    }

    private Typed round(Compiler.Scope s, Expr.Call c) {
        if (c.args().size() != 2 || !(c.args().get(1) instanceof Expr.Num digits)
                || digits.value().scale() > 0 && digits.value().stripTrailingZeros().scale() > 0
                || digits.value().intValue() < 0 || digits.value().intValue() > SqlParts.MAX_SCALE) {
            throw new FormulaException("round(value, digits) takes a number and 0 to " + SqlParts.MAX_SCALE
                    + " digits written as a number", c.position());
        }
        Typed v = compiler.expr(s, c.args().getFirst());
        if (!v.numeric()) {
            throw new FormulaException("round(...) needs a number, not " + v.words(), c.position());
        }
        int n = digits.value().intValue();
        if (n >= v.scale()) {
            return v;
        }
        return v.withScale(SqlParts.rescale(v.sql(), v.scale(), n), n);
    }

    /** Any value as text: numbers with their decimals, yes/no as {@code true}/{@code false}. */
    static String asText(SqlParts sql, Typed v) {
        return switch (v.kind()) {
            case TEXT, DATE -> v.sql();
            case NUMBER, MONEY -> sql.numberText(v.sql(), v.scale());
            case BOOL -> "CASE WHEN " + v.sql() + " THEN 'true' WHEN NOT (" + v.sql() + ") THEN 'false' END";
        };
    }
}
