package dev.cairn.server.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A submitted form as the templates see it: the values to put back into the fields, messages per field (rendered next
 * to the field and linked with {@code aria-describedby}), and one message for the whole form. Mutable while a handler
 * fills it; handed to one template render. Not thread-safe.
 */
public final class Forms {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private String message;

    /** An empty form. */
    public static Forms empty() {
        return new Forms();
    }

    /** The value of a url-encoded form field, or null when the body is not a form or lacks the field. */
    public static String field(Context ctx, String name) {
        String type = ctx.contentType();
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        return ctx.formParam(name);
    }

    /** Copies the listed fields from the request (never passwords: those are not echoed back). */
    public static Forms of(Context ctx, String... names) {
        Forms form = new Forms();
        for (String name : names) {
            String value = field(ctx, name);
            if (value != null) {
                form.values.put(name, value);
            }
        }
        return form;
    }

    /** Sets a field's value (what the template puts back). */
    public Forms value(String field, String value) {
        values.put(field, value == null ? "" : value);
        return this;
    }

    public Forms error(String field, String text) {
        errors.put(field, text);
        return this;
    }

    public Forms message(String text) {
        this.message = text;
        return this;
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** Whether a checkbox field was ticked (has a value). */
    public boolean checked(String field) {
        return !value(field).isEmpty();
    }

    /** The field's message, or null (so {@code aria-invalid}/{@code aria-describedby} attributes are left out). */
    public String errorOf(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || message != null;
    }

    /** The whole form's message, or null. */
    public String message() {
        return message;
    }
}
