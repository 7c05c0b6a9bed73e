package dev.cairn.workspace.formula;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a formula tree back as text, with as few parentheses as the precedence needs; names come from {@code names}
 * (the stored form's {@code {c<id>}}, or the current names for people). Stateless apart from the naming.
 */
final class Printer {
    private static final List<String> WORDS = List.of("and", "or", "not", "true", "false");
    private final Function<Expr.Part, String> names;

    Printer(Function<Expr.Part, String> names) {
        this.names = names;
    }

    /** A name as a formula writes it: bare if it reads as a name, else in brackets. */
    static String name(String n) {
        return n.matches("[A-Za-z_][A-Za-z0-9_]*") && !WORDS.contains(n.toLowerCase(Locale.ROOT)) ? n : "[" + n + "]";
    }

    String print(Expr e) {
        return switch (e) {
            case Expr.Num n -> n.value().toPlainString();
            case Expr.Str s -> "\"" + s.value().replace("\"", "\"\"") + "\"";
            case Expr.Bool b -> String.valueOf(b.value());
            case Expr.Ref r -> String.join(".", r.parts().stream().map(names).toList());
            case Expr.Call c -> c.function() + "(" + String.join(", ", c.args().stream().map(this::print).toList())
                    + ")";
            case Expr.Unary u -> u.op().equals("not") ? "not " + wrap(u.operand(), 3) : "-" + wrap(u.operand(), 8);
            case Expr.Binary b -> wrap(b.left(), precedence(b) + (precedence(b) == 4 ? 1 : 0)) + " " + b.op() + " "
                    + wrap(b.right(), precedence(b) + 1);
        };
    }

    private String wrap(Expr e, int atLeast) {
        String text = print(e);
        return precedence(e) < atLeast ? "(" + text + ")" : text;
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Expr.Binary b -> switch (b.op()) {
                case "or" -> 1;
                case "and" -> 2;
                case "&" -> 5;
                case "+", "-" -> 6;
                case "*", "/" -> 7;
                default -> 4;
            };
            case Expr.Unary u -> u.op().equals("not") ? 3 : 8;
            case Expr.Num n -> n.value().compareTo(BigDecimal.ZERO) < 0 ? 8 : 9;
            default -> 9;
        };
    }
}
