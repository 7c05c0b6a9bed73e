package dev.cairn.agent.ui;

import java.io.PrintStream;

/**
 * Where a command's output goes, and in which form. {@code out} carries the result (human text, or JSON when {@link #json()});
 * {@code err} carries errors, warnings and progress. Quiet mode drops informational text but never results or errors.
 * Thread-safe: listeners print from several threads, and every line is written whole.
 */
public final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean quiet;
    private final boolean terminal;

    public Output(PrintStream out, PrintStream err, boolean json, boolean quiet, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    /** Whether to draw progress: on a terminal, and neither quiet nor JSON. */
    public boolean showProgress() {
        return terminal && !quiet && !json;
    }

    public PrintStream err() {
        return err;
    }

    /** A line of a human result (a table row, a listed path); dropped in JSON mode. */
    public synchronized void result(String line) {
        if (!json) {
            out.println(line);
        }
    }

    /** A line of human information (a summary); dropped in JSON and quiet mode. */
    public synchronized void info(String line) {
        if (!json && !quiet) {
            out.println(line);
        }
    }

    /** A JSON document or event, one compact line; only in JSON mode. */
    public synchronized void json(Object document) {
        if (json) {
            out.println(JsonOutput.compact(document));
        }
    }

    /** A JSON document to write piece by piece (see {@link JsonDocument}); it writes nothing unless in JSON mode. */
    public JsonDocument jsonDocument() {
        return new JsonDocument(out, json);
    }

    /** Raw text to stdout in every mode (for {@code cat}, whose result is JSON anyway). */
    public synchronized void raw(String text) {
        out.println(text);
    }

    /** {@code error: PATH: reason} on stderr, and an {@code error} event in JSON mode. */
    public synchronized void itemError(String path, Throwable e) {
        err.println("error: " + path + ": " + ErrorMessages.reason(e));
        json(JsonOutput.object("message_type", "error", "item", path, "error", ErrorMessages.reason(e)));
    }

    /** {@code warning: …} on stderr. */
    public synchronized void warn(String message) {
        err.println("warning: " + message);
    }
}
