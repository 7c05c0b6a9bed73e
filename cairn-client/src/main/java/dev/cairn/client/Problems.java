package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStoreException;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Maps an HTTP error response of the server onto the blob exceptions (one place, like the server's ErrorMapper). */
final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    static IOException toException(int status, byte[] body, BlobName name, String what) {
        String detail = detail(body);
        String message = what + " failed: HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        return switch (status) {
            case 404 -> name == null ? new BlobStoreException(message) : new BlobNotFoundException(name);
            case 409, 412 -> name == null ? new BlobStoreException(message) : new BlobAlreadyExistsException(name);
            case 416 -> new EOFException(message);
            case 408, 429, 500, 502, 503, 504 -> new TransientBlobStoreException(message);
            default -> new BlobStoreException(message);
        };
    }

    private static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode detail = node == null ? null : node.get("detail");
            return detail == null ? "" : detail.asText();
        } catch (IOException e) {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
    }
}
