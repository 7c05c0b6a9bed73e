package dev.cairn.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.MediaTypes;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reading and writing JSON bodies with the checks every JSON endpoint needs: media type, size, and a strict parse. A
 * body is one JSON document and nothing after it; duplicate keys, unpaired UTF-16 surrogates (a string such as
 * {@code "\ud800"}) and documents past Jackson's limits (numbers of more than 1,000 digits, nesting deeper than 1,000
 * levels) are refused. Every failure is a {@link ServiceException} whose message is in the client's words (field
 * names and JSON kinds, never Java types): nothing a client sends makes a 500. Thread-safe.
 */
public final class Json {
    /** JSON request bodies larger than this are refused with 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** For responses. */
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    /** For request bodies: strict, numbers with a fraction as {@link java.math.BigDecimal} (exact decimals). */
    private static final ObjectMapper STRICT = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Json() {
    }

    /**
     * Parses the body as {@code type}.
     *
     * @throws ServiceException {@code unsupported-media-type}, {@code too-large}, {@code incomplete-body} or
     *                          {@code bad-request} (saying where and what, in JSON terms)
     */
    public static <T> T read(Context ctx, Class<T> type) {
        return bind(readTree(ctx), type);
    }

    /** Binds a parsed body ({@link #parse}) to {@code type} with the strict mapper; {@code bad-request} if it does not fit. */
    static <T> T bind(JsonNode tree, Class<T> type) {
        if (tree.isNull()) {
            throw ServiceException.badRequest("the body is JSON null; send " + JsonErrors.kindOf(type));
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest(JsonErrors.describe(e));
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(JsonErrors.describe(e));
        }
    }

    /**
     * Parses the body as a JSON tree with exact decimals (numbers with a fraction become {@link java.math.BigDecimal}),
     * with the same media type, size and strictness checks as {@link #read}.
     */
    public static JsonNode readTree(Context ctx) {
        return readTree(ctx, MAX_BODY_BYTES);
    }

    /** As {@link #readTree(Context)} with a limit of {@code maxBytes} for an endpoint that takes larger bodies. */
    public static JsonNode readTree(Context ctx, int maxBytes) {
        checkJsonType(ctx);
        return parse(boundedBody(ctx, maxBytes));
    }

    /** The strict parse of a whole body (see the class comment); {@code bad-request} if it is not one valid document. */
    static JsonNode parse(byte[] body) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ServiceException.badRequest("the JSON body is past a limit: numbers may have at most 1,000 digits "
                    + "and documents at most 1,000 levels of nesting");
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest(JsonErrors.describe(e));
        } catch (NumberFormatException e) {
            // an exponent past what BigDecimal takes (e.g. 1e10000000000): Jackson lets this through unwrapped
            throw ServiceException.badRequest("a number in the JSON body is out of range: exponents may have at most "
                    + "9 digits");
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "could not read the request body; send it again");
        }
        if (tree == null || tree.isMissingNode()) {
            throw ServiceException.badRequest("the body is empty; send a JSON document");
        }
        String unpaired = JsonErrors.unpairedSurrogate(tree);
        if (unpaired != null) {
            throw ServiceException.badRequest("the text at " + unpaired + " contains an unpaired UTF-16 surrogate "
                    + "(an escape such as \\ud800 without its partner); send valid Unicode text");
        }
        return tree;
    }

    private static void checkJsonType(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MediaTypes.JSON)) {
            throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as " + MediaTypes.JSON
                    + " (got " + (contentType == null ? "no Content-Type" : contentType) + ")");
        }
    }

    private static byte[] boundedBody(Context ctx, int maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "the request body broke off; send it again");
        }
    }

    private static ServiceException tooLarge(int maxBytes) {
        return new ServiceException(ErrorCode.TOO_LARGE, "JSON bodies are limited to " + maxBytes + " bytes");
    }

    /** Writes {@code value} as the JSON response with {@code status}. */
    public static void write(Context ctx, int status, Object value) {
        write(ctx, status, MediaTypes.JSON, value);
    }

    public static void write(Context ctx, int status, String contentType, Object value) {
        try {
            ctx.status(status).contentType(contentType).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
