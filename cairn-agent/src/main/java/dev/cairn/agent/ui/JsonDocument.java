package dev.cairn.agent.ui;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * One JSON document written piece by piece as results arrive, so a listing of a million files is never held in memory:
 * the same compact, single-line document {@link Output#json} would print. Every method does nothing outside JSON mode.
 * Not thread-safe; {@link #close()} ends the line.
 */
public final class JsonDocument implements AutoCloseable {
    private final PrintStream out;
    private final JsonGenerator json;

    JsonDocument(PrintStream out, boolean enabled) {
        this.out = out;
        try {
            this.json = enabled ? JsonOutput.generator(out) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonDocument startObject() {
        return write(() -> json.writeStartObject());
    }

    public JsonDocument endObject() {
        return write(() -> json.writeEndObject());
    }

    public JsonDocument startArray() {
        return write(() -> json.writeStartArray());
    }

    /** Starts an array value of {@code name} in the current object. */
    public JsonDocument startArray(String name) {
        return write(() -> json.writeArrayFieldStart(name));
    }

    public JsonDocument endArray() {
        return write(() -> json.writeEndArray());
    }

    /** A field of the current object, rendered as {@link JsonOutput#compact} renders values. */
    public JsonDocument field(String name, Object value) {
        return write(() -> json.writePOJOField(name, value));
    }

    /** An element of the current array. */
    public JsonDocument element(Object value) {
        return write(() -> json.writePOJO(value));
    }

    private JsonDocument write(Step step) {
        if (json != null) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** Ends the document's line (the caller has closed its objects and arrays). */
    @Override
    public void close() {
        if (json != null) {
            write(json::flush);
            out.println();
        }
    }
}
