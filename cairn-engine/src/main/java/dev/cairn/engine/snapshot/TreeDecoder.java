package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes tree blobs with Jackson's streaming parser instead of data binding: every backup decodes each directory of its
 * parent snapshot and every restore each directory it restores, and binding a record of sixteen fields through its
 * constructor cost about half of that time. Accepts what {@code Json.read(json, Tree.class, …)} accepts and decodes it to
 * an equal {@link Tree}: snake_case names, unknown fields skipped, absent or null fields null (numbers 0), numbers also as
 * strings, anything else a {@link FormatException}. Stateless; thread-safe.
 */
public final class TreeDecoder {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private TreeDecoder() {
    }

    /**
     * Decodes one tree blob's plaintext.
     *
     * @param what how the tree is named in errors ({@code tree <id>})
     * @throws FormatException if it is not a valid tree document
     */
    public static Tree decode(byte[] json, String what) throws FormatException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL || first == null) {
                throw new FormatException(what + " is empty (JSON null)");
            }
            expect(p, first, JsonToken.START_OBJECT);
            List<Node> nodes = null;
            List<String> parts = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "nodes" -> nodes = value == JsonToken.VALUE_NULL ? null : nodes(p, value);
                    case "parts" -> parts = value == JsonToken.VALUE_NULL ? null : strings(p, value);
                    default -> p.skipChildren();
                }
            }
            return new Tree(nodes, parts);
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            String message = e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("");
            throw new FormatException(what + " is not a valid document: " + message, e);
        }
    }

    private static List<Node> nodes(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_ARRAY);
        List<Node> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(t == JsonToken.VALUE_NULL ? null : node(p, t));
        }
        return out;
    }

    private static Node node(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        String name = null, type = null, user = null, group = null, subtree = null, linkTarget = null;
        int mode = 0, uid = 0, gid = 0, links = 0;
        long mtimeNs = 0, ctimeNs = 0, inode = 0, device = 0, size = 0;
        List<String> content = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = string(p, v);
                case "type" -> type = string(p, v);
                case "mode" -> mode = Math.toIntExact(number(p, v));
                case "mtime_ns" -> mtimeNs = number(p, v);
                case "ctime_ns" -> ctimeNs = number(p, v);
                case "uid" -> uid = Math.toIntExact(number(p, v));
                case "gid" -> gid = Math.toIntExact(number(p, v));
                case "user" -> user = string(p, v);
                case "group" -> group = string(p, v);
                case "inode" -> inode = number(p, v);
                case "device" -> device = number(p, v);
                case "links" -> links = Math.toIntExact(number(p, v));
                case "size" -> size = number(p, v);
                case "content" -> content = v == JsonToken.VALUE_NULL ? null : strings(p, v);
                case "subtree" -> subtree = string(p, v);
                case "link_target" -> linkTarget = string(p, v);
                default -> p.skipChildren();
            }
        }
        return new Node(name, type, mode, mtimeNs, ctimeNs, uid, gid, user, group, inode, device, links, size, content, subtree,
                linkTarget);
    }

    private static List<String> strings(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(string(p, t));
        }
        return out;
    }

    /** A string field: a JSON string, null, or a scalar taken as its text (as data binding coerces it). */
    private static String string(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v == null || v.isStructStart() || v.isStructEnd()) {
            throw new IOException("expected a string, found " + v);
        }
        return p.getText();
    }

    /** A number field: an integer, null (0), a float (truncated) or a string holding an integer. */
    private static long number(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) p.getDoubleValue();
        }
        if (v == JsonToken.VALUE_STRING) {
            String text = p.getText().strip();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        }
        throw new IOException("expected a number, found " + v);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual + " at " + p.currentLocation());
        }
    }
}
