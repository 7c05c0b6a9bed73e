package dev.cairn.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.MediaTypes;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reading and writing JSON bodies with the checks every JSON endpoint needs: media type, size, syntax. */
final class Json {
    /** JSON request bodies larger than this are refused with 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /**
     * Parses the body as {@code type}.
     *
     * @throws ServiceException {@code unsupported-media-type}, {@code too-large} or {@code bad-request} (with the position)
     */
    static <T> T read(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MediaTypes.JSON)) {
            throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as " + MediaTypes.JSON
                    + " (got " + (contentType == null ? "no Content-Type" : contentType) + ")");
        }
        byte[] body = boundedBody(ctx);
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ServiceException.badRequest("the body is JSON null; send a " + type.getSimpleName() + " object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("malformed JSON for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Parses the body as a JSON tree with exact decimals (numbers with a fraction become {@link java.math.BigDecimal}),
     * with the same media type and size checks as {@link #read}.
     */
    static com.fasterxml.jackson.databind.JsonNode readTree(Context ctx) {
        checkJsonType(ctx);
        try {
            return EXACT.readTree(boundedBody(ctx));
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("malformed JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "could not read the request body: " + e.getMessage());
        }
    }

    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static void checkJsonType(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MediaTypes.JSON)) {
            throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as " + MediaTypes.JSON
                    + " (got " + (contentType == null ? "no Content-Type" : contentType) + ")");
        }
    }

    private static byte[] boundedBody(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "could not read the request body: " + e.getMessage());
        }
    }

    private static ServiceException tooLarge() {
        return new ServiceException(ErrorCode.TOO_LARGE, "JSON bodies are limited to " + MAX_BODY_BYTES + " bytes");
    }

    /** Writes {@code value} as the JSON response with {@code status}. */
    static void write(Context ctx, int status, Object value) {
        write(ctx, status, MediaTypes.JSON, value);
    }

    static void write(Context ctx, int status, String contentType, Object value) {
        try {
            ctx.status(status).contentType(contentType).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
