package dev.cairn.workspace.formula;

import java.math.BigDecimal;
import java.util.List;

/** A parsed formula. Every node knows the 1-based position it starts at. */
sealed interface Expr {
    int position();

    record Num(BigDecimal value, int position) implements Expr {
    }

    record Str(String value, int position) implements Expr {
    }

    record Bool(boolean value, int position) implements Expr {
    }

    /**
     * A name path: {@code quantity}, {@code customer.name}, {@code order_lines.amount} (inside a rollup). Each part
     * is a name as typed or, in the stored form, an id.
     */
    record Ref(List<Part> parts, int position) implements Expr {
    }

    /** One part of a path: {@code name} as typed (null in the stored form) or the stored {@code id} (else null). */
    record Part(String name, Long id, boolean table, int position) {
    }

    record Call(String function, List<Expr> args, int position) implements Expr {
    }

    record Unary(String op, Expr operand, int position) implements Expr {
    }

    record Binary(String op, Expr left, Expr right, int position) implements Expr {
    }
}
