package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Maps an HTTP error response of the server onto exceptions (one place, like the server's ErrorMapper): the blob
 * exceptions the engine understands, {@link SignedOutException} for 401, {@link QuotaExceededException} for quota
 * problems, {@link TransientBlobStoreException} (with {@code Retry-After}) for what a retry may fix, and
 * {@link ServerProblemException} with the problem's code and detail for everything else.
 */
final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** For callers that know neither the server's address nor the response headers (tests, simple mappings). */
    static IOException toException(int status, byte[] body, BlobName name, String what) {
        return toException(status, body, null, name, what, "the server");
    }

    /**
     * The exception for an error response.
     *
     * @param retryAfter the {@code Retry-After} header, or null
     * @param server     the server's address for messages that tell the user what to run
     */
    static IOException toException(int status, byte[] body, String retryAfter, BlobName name, String what, String server) {
        JsonNode problem = parse(body);
        String code = problem.path("code").asText("");
        String detail = detail(problem, body);
        String message = what + " failed: HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        if (code.equals("storage-full")) { // the server's disk, not the account's quota: not retried, its own words
            return new ServerProblemException(status, code, detail.isEmpty() ? message : detail);
        }
        return switch (status) {
            case 401 -> new SignedOutException(server, code);
            case 404 -> name == null ? new ServerProblemException(status, code, message) : new BlobNotFoundException(name);
            case 409, 412 -> name == null ? new ServerProblemException(status, code, message)
                    : new BlobAlreadyExistsException(name);
            case 416 -> new EOFException(message);
            case 408, 429, 500, 502, 503, 504 -> new TransientBlobStoreException(message, retryAfter(retryAfter, problem));
            case 413, 507 -> quota(status, code, detail, message, problem);
            default -> new ServerProblemException(status, code, (detail.isEmpty() ? message : detail) + hint(code, server));
        };
    }

    private static String hint(String code, String server) {
        return code.equals("append-only") ? "; this device's token may only add. Sign in with a full token for it: cairn "
                + "login " + server + " --account NAME --password-stdin --scope full, or pass one with --token-file" : "";
    }

    private static IOException quota(int status, String code, String detail, String message, JsonNode problem) {
        if (!code.startsWith("quota") && status != 507) {
            return new ServerProblemException(status, code, message);
        }
        return new QuotaExceededException(status, code, detail.isEmpty() ? message : detail,
                problem.path("quotaBytes").asLong(-1), problem.path("usageBytes").asLong(-1));
    }

    /** {@code Retry-After} in seconds (the server never sends an HTTP date), else the problem's retryAfterSeconds. */
    static Duration retryAfter(String header, JsonNode problem) {
        try {
            if (header != null && !header.isBlank()) {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
            }
        } catch (NumberFormatException e) {
            // an HTTP date or garbage: fall back to the body, then to the retry policy
        }
        long seconds = problem.path("retryAfterSeconds").asLong(-1);
        return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String detail(JsonNode problem, byte[] body) {
        if (problem.isObject()) {
            String detail = problem.path("detail").asText("");
            if (problem.path("retainedUntil").isTextual() && !detail.contains(problem.path("retainedUntil").asText())) {
                detail += " (kept until " + problem.path("retainedUntil").asText() + ")";
            }
            return detail;
        }
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
