package dev.cairn.engine.index;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.util.List;

/**
 * Decodes index documents (spec §Index) one pack at a time, so decoding holds one pack's entries rather than the whole
 * document's objects. Accepts exactly what {@code Json.read(json, IndexFile.class)} followed by
 * {@link MasterIndex#toEntries} accepts. Stateless.
 */
public final class IndexDocuments {
    private IndexDocuments() {
    }

    /** Receives the packs of a document in order. */
    @FunctionalInterface
    public interface Visitor {
        void pack(BlobId pack, List<PackEntry> entries) throws IOException;
    }

    /**
     * Decodes {@code json} and hands each pack to {@code visitor}; {@code what} names the document in messages.
     *
     * @throws FormatException if the document (or any id, type or length in it) is not valid; packs before the fault may
     *                         already have been visited
     */
    public static void read(byte[] json, String what, Visitor visitor) throws IOException, FormatException {
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new FormatException(what + " is not a valid document: not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("packs".equals(field) && value == JsonToken.START_ARRAY) {
                    readPacks(p, what, visitor);
                } else if ("packs".equals(field) && value != JsonToken.VALUE_NULL) {
                    throw new FormatException(what + " is not a valid document: 'packs' is not an array");
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new FormatException(what + " is not a valid document: trailing or truncated content");
            }
        } catch (FormatException e) {
            throw e;
        } catch (VisitorFailure e) {
            throw e.io;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new FormatException(what + " is not a valid document: " + firstLine(e.getMessage()), e);
        }
    }

    private static void readPacks(JsonParser p, String what, Visitor visitor) throws IOException, FormatException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new FormatException(what + " is not a valid document: a pack is not an object");
            }
            IndexFile.PackBlobs pack = Json.MAPPER.readValue(p, IndexFile.PackBlobs.class);
            BlobId id = BlobId.parse(pack.id());
            List<PackEntry> entries = MasterIndex.toEntries(pack);
            try {
                visitor.pack(id, entries);
            } catch (IOException e) {
                throw new VisitorFailure(e);
            }
        }
    }

    /** Carries the visitor's own failure past the handler that turns decoding failures into a FormatException. */
    private static final class VisitorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient IOException io;

        VisitorFailure(IOException io) {
            super(io);
            this.io = io;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
