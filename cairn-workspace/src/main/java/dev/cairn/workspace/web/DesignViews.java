package dev.cairn.workspace.web;

import dev.cairn.server.web.Forms;

/** The view models of the table designer. */
public final class DesignViews {
    private DesignViews() {
    }

    /**
     * A column in the designer: its name, label, type (wire name) and options in words, whether it may be unique,
     * whether it holds text (it has a longest length), its form values (with errors after a refused change), and
     * whether its form is open.
     */
    public record DesignColumn(String name, String label, String type, String details, boolean uniqueAllowed,
            boolean textual, Forms form, boolean open, boolean formula, boolean autoNumber) {
        /** Whether the database computes the column (no required, default or choices). */
        public boolean computed() {
            return formula || autoNumber;
        }

        public String id() {
            return "col-" + name;
        }

        public boolean choice() {
            return type.equals("choice");
        }
    }
}
