package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cairn.engine.format.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Encodes tree blobs with Jackson's streaming generator instead of data binding, into a buffer each thread reuses: data
 * binding reached every field of a node through reflection and built each document in fresh, growing arrays, about a
 * fifth of all the memory a backup of many small files allocated (so a tenth of its time was collections). The bytes are
 * exactly those of {@code Json.write(tree)} (the same generator escapes the strings; {@code TreeEncoderTest} holds the two
 * to that on random and hostile trees), so tree ids do not change. Thread-safe.
 */
public final class TreeEncoder {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    /** A thread keeps its buffer for the next tree only up to this size (a split tree's part is about 1 MiB at most). */
    private static final int KEEP_BYTES = 2 << 20;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /** Receives an encoded tree: {@code json[0, length)}, valid only during the call. */
    @FunctionalInterface
    public interface Sink<T> {
        T accept(byte[] json, int length) throws IOException;
    }

    private TreeEncoder() {
    }

    /**
     * Encodes {@code tree} and hands the bytes to {@code sink} (which must not keep the array or encode another tree on
     * this thread); returns what the sink returns.
     *
     * @throws IOException what the sink throws
     */
    public static <T> T encode(Tree tree, Sink<T> sink) throws IOException {
        Buffer out = BUFFERS.get();
        out.reset();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, tree);
        }
        try {
            return sink.accept(out.array(), out.size());
        } finally {
            if (out.array().length > KEEP_BYTES) {
                BUFFERS.remove();
            }
        }
    }

    /** The encoded tree in a new array (what {@code Json.write(tree)} returns). */
    public static byte[] encode(Tree tree) {
        try {
            return encode(tree, java.util.Arrays::copyOf);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a tree", e); // the sink copies; the buffer cannot fail
        }
    }

    private static void write(JsonGenerator g, Tree tree) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("nodes");
        for (Node n : tree.nodes()) { // a tree holds no null node
            node(g, n);
        }
        g.writeEndArray();
        if (tree.parts() != null) {
            g.writeFieldName("parts");
            strings(g, tree.parts());
        }
        g.writeEndObject();
    }

    /** The fields in the record's order, null ones left out, as data binding writes them (snake_case, NON_NULL). */
    private static void node(JsonGenerator g, Node n) throws IOException {
        g.writeStartObject();
        string(g, "name", n.name());
        string(g, "type", n.type());
        g.writeNumberField("mode", n.mode());
        g.writeNumberField("mtime_ns", n.mtimeNs());
        g.writeNumberField("ctime_ns", n.ctimeNs());
        g.writeNumberField("uid", n.uid());
        g.writeNumberField("gid", n.gid());
        string(g, "user", n.user());
        string(g, "group", n.group());
        g.writeNumberField("inode", n.inode());
        g.writeNumberField("device", n.device());
        g.writeNumberField("links", n.links());
        g.writeNumberField("size", n.size());
        g.writeFieldName("content");
        strings(g, n.content());
        string(g, "subtree", n.subtree());
        string(g, "link_target", n.linkTarget());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String s : values) {
            if (s == null) {
                g.writeNull();
            } else {
                g.writeString(s);
            }
        }
        g.writeEndArray();
    }

    /** A byte array output stream whose array can be handed on without a copy. Not thread-safe. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(8192);
        }

        byte[] array() {
            return buf;
        }
    }
}
