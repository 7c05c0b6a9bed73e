package dev.cairn.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document served at {@code GET /api/openapi.json}: the platform's {@value #RESOURCE} (info, security
 * schemes, shared schemas, the platform's paths) merged with the same resource of every feature jar on the class path
 * (their {@code paths} and {@code components.schemas}). Hand-written, so each operation says what it does; a test
 * compares it with the route table Javalin registered, so a route without its entry (or an entry without its route)
 * fails the build. Built once; thread-safe.
 */
final class OpenApi {
    /** Where each module keeps its part of the document. */
    static final String RESOURCE = "META-INF/cairn/openapi.json";
    private final byte[] document;

    OpenApi() {
        this.document = merge(load());
    }

    /** {@code GET /api/openapi.json} */
    void serve(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json").result(document);
    }

    private static List<JsonNode> load() {
        try {
            List<URL> urls = Collections.list(OpenApi.class.getClassLoader().getResources(RESOURCE));
            List<JsonNode> parts = new ArrayList<>();
            for (URL url : urls) {
                try (InputStream in = url.openStream()) {
                    parts.add(Json.MAPPER.readTree(in));
                }
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI parts (" + RESOURCE + ")", e);
        }
    }

    /** The part that names the OpenAPI version is the base; the others add paths and schemas. */
    static byte[] merge(List<JsonNode> parts) {
        ObjectNode base = parts.stream().filter(p -> p.has("openapi")).map(p -> (ObjectNode) p.deepCopy())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OpenAPI base document (" + RESOURCE
                        + " with 'openapi') on the class path"));
        ObjectNode paths = base.withObject("/paths");
        ObjectNode schemas = base.withObject("/components").withObject("/schemas");
        for (JsonNode part : parts) {
            if (part.has("openapi")) {
                continue;
            }
            copy(part.path("paths"), paths);
            copy(part.path("components").path("schemas"), schemas);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(JsonNode from, ObjectNode to) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (to.has(e.getKey())) {
                throw new IllegalStateException("OpenAPI parts both define '" + e.getKey() + "'");
            }
            to.set(e.getKey(), e.getValue().deepCopy());
        }
    }
}
