package dev.cairn.agent.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON the CLI prints: snake_case field names, ISO-8601 times, nulls omitted. Every document is an object or an array;
 * streamed events carry a {@code message_type}. Thread-safe.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new JavaTimeModule())
            .build();

    private JsonOutput() {
    }

    /** One compact line. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A generator writing compact JSON to {@code out} with the same mapping as {@link #compact} (it does not close
     * {@code out}), for documents too large to build in memory first.
     */
    static com.fasterxml.jackson.core.JsonGenerator generator(java.io.OutputStream out) throws java.io.IOException {
        return MAPPER.getFactory().createGenerator(out).disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Indented, for documents people read ({@code cat}). */
    public static String pretty(byte[] json) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a JSON document: " + e.getMessage(), e);
        }
    }

    /** A value as an ordered map of its JSON fields, so callers can add fields (an id) in front. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Object value) {
        return MAPPER.convertValue(value, LinkedHashMap.class);
    }

    /** An ordered object from alternating keys and values. */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate; got " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
