package dev.cairn.workspace.formula;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the column or table a name in a formula means: its name, else its name or label ignoring case, spaces and
 * underscores. An unknown name's error suggests the closest name or label ("did you mean 'Quantity'?"). Stateless.
 */
final class NameMatch {
    private NameMatch() {
    }

    /** {@code other}: the table is not the formula's own (the message names it). */
    static Column column(TableDef table, String name, int position, boolean other) {
        return find(table.columns(), name, Column::name, Column::label).orElseThrow(() -> unknown("column", name,
                position, table.columns().stream().flatMap(c -> labelled(c.name(), c.label())).toList(),
                other ? " in '" + display(table.name(), table.label()) + "'" : ""));
    }

    static TableDef table(List<TableDef> tables, String name, int position) {
        return find(tables, name, TableDef::name, TableDef::label).orElseThrow(() -> unknown("table", name, position,
                tables.stream().flatMap(t -> labelled(t.name(), t.label())).toList(), ""));
    }

    private static <T> Optional<T> find(List<T> items, String name, Function<T, String> names,
            Function<T, String> labels) {
        for (T t : items) {
            if (names.apply(t).equals(name)) {
                return Optional.of(t);
            }
        }
        String key = key(name);
        return items.stream().filter(t -> key.equals(key(names.apply(t))) || labels.apply(t) != null
                && key.equals(key(labels.apply(t)))).findFirst();
    }

    private static java.util.stream.Stream<String> labelled(String name, String label) {
        return label == null || label.isBlank() ? java.util.stream.Stream.of(name)
                : java.util.stream.Stream.of(label, name);
    }

    private static String display(String name, String label) {
        return label == null || label.isBlank() ? name : label;
    }

    static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
    }

    private static FormulaException unknown(String what, String name, int position, List<String> candidates,
            String where) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(key(name), key(c));
            boolean prefix = key(c).startsWith(key(name)) || key(name).startsWith(key(c))
                    || abbreviates(key(name), key(c));
            int limit = Math.max(2, key(c).length() / 3);
            if ((d <= limit || prefix) && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return new FormulaException("unknown " + what + " '" + name + "'" + where, position, best);
    }

    /** Whether {@code short} is {@code long} with letters left out, starting alike ("qty" for "quantity"). */
    private static boolean abbreviates(String shortName, String longName) {
        if (shortName.length() < 2 || shortName.isEmpty() || longName.isEmpty()
                || shortName.charAt(0) != longName.charAt(0)) {
            return false;
        }
        int j = 0;
        for (int i = 0; i < longName.length() && j < shortName.length(); i++) {
            if (longName.charAt(i) == shortName.charAt(j)) {
                j++;
            }
        }
        return j == shortName.length();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
