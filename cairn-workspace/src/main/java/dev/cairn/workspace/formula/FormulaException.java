package dev.cairn.workspace.formula;

/**
 * A formula that does not read or does not fit the tables, in the user's words. {@code position} is the 1-based
 * character the problem starts at (0: the formula as a whole); {@link #getMessage()} includes it.
 */
public class FormulaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final int position;

    public FormulaException(String problem, int position) {
        this(problem, position, null);
    }

    /** With a suggestion: "unknown column 'Qty' at 5; did you mean 'Quantity'?". */
    public FormulaException(String problem, int position, String suggestion) {
        super((position > 0 ? problem + " at " + position : problem)
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
        this.problem = problem + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
        this.position = position;
    }

    /** The problem without the position. */
    public String problem() {
        return problem;
    }

    public int position() {
        return position;
    }

    /** Formulas that use each other in a circle. */
    static final class Cycle extends FormulaException {
        private static final long serialVersionUID = 1L;

        Cycle(String problem, int position) {
            super(problem, position);
        }
    }
}
