package dev.cairn.engine.snapshot;

import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.WriteSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one directory listing as its nodes arrive in name order: a listing that fits one part is one ordinary tree blob
 * (byte for byte what format version 1 writes); a larger one is saved part by part as it grows, then as a tree that lists
 * the parts (spec §Trees). Parts end where a node's name hashes to a boundary (about every {@value #AVERAGE_NODES} nodes,
 * never before {@value #MIN_NODES}), or at {@value #MAX_PART_BYTES} bytes (estimated) or {@value #MAX_NODES} nodes: cut by
 * content, so adding a file to a large directory changes one part, not every part after it. The heap holds one part.
 * Not thread-safe; single use.
 */
public final class TreeBuilder {
    static final int MIN_NODES = 64;
    static final int AVERAGE_NODES = 1024;
    static final int MAX_NODES = 8192;
    static final int MAX_PART_BYTES = 1 << 20;
    private final Saver saver;
    private final boolean maySplit;
    private final List<String> parts = new ArrayList<>();
    private PartReuse reuse = () -> null;
    private List<Node> part = new ArrayList<>();
    private long partBytes;
    private String lastName;

    /** Stores one tree blob and returns its id (hex). */
    @FunctionalInterface
    interface Saver {
        String save(Tree tree) throws IOException;
    }

    /** @param maySplit whether the repository's format allows parts ({@link dev.cairn.engine.format.RepoConfig#splitTrees()}) */
    public TreeBuilder(WriteSession session, boolean maySplit) {
        this(tree -> TreeEncoder.encode(tree, (json, length) -> session.saveBlob(BlobType.TREE, json, 0, length))
                .id().hex(), maySplit);
    }

    TreeBuilder(Saver saver, boolean maySplit) {
        this.saver = saver;
        this.maySplit = maySplit;
    }

    /** Asked as each part of a split listing is complete: the id of a stored part blob with exactly its nodes, or null. */
    @FunctionalInterface
    public interface PartReuse {
        String reusable();
    }

    /**
     * Uses {@code reuse} for every complete part of a split listing: the id it names is listed instead of encoding and
     * saving the part (a backup names the parent snapshot's part when every node matched it). Returns this.
     */
    public TreeBuilder reusingParts(PartReuse reuse) {
        this.reuse = java.util.Objects.requireNonNull(reuse, "reuse");
        return this;
    }

    /** Whether the next node added is the first of a part. */
    public boolean atPartStart() {
        return part.isEmpty();
    }

    /**
     * Appends a node; names must be strictly ascending.
     *
     * @throws IllegalArgumentException if the name is not after the previous one
     * @throws IOException              if saving a full part fails
     */
    public void add(Node node) throws IOException {
        if (lastName != null && lastName.compareTo(node.name()) >= 0) {
            throw new IllegalArgumentException("tree nodes out of order: '" + node.name() + "' after '" + lastName + "'");
        }
        lastName = node.name();
        part.add(node);
        partBytes += estimate(node);
        if (maySplit && endsPart(node)) {
            parts.add(savePart());
            part = new ArrayList<>();
            partBytes = 0;
        }
    }

    private boolean endsPart(Node node) {
        return part.size() >= MAX_NODES || partBytes >= MAX_PART_BYTES
                || (part.size() >= MIN_NODES && (mix(node.name().hashCode()) & (AVERAGE_NODES - 1)) == 0);
    }

    /** Whether nothing was saved yet: the listing so far is {@link #nodes()}. */
    public boolean singlePart() {
        return parts.isEmpty();
    }

    /** The nodes not yet saved (all of them while {@link #singlePart()}). */
    public List<Node> nodes() {
        return part;
    }

    /**
     * Saves what is left and returns the id of the directory's tree blob.
     *
     * @throws IOException if saving fails
     */
    public String finish() throws IOException {
        if (parts.isEmpty()) {
            return save(new Tree(part));
        }
        if (!part.isEmpty()) {
            parts.add(savePart());
        }
        part = List.of();
        return save(new Tree(List.of(), parts));
    }

    private String savePart() throws IOException {
        String reused = reuse.reusable();
        return reused != null ? reused : save(new Tree(part));
    }

    private String save(Tree tree) throws IOException {
        return saver.save(tree);
    }

    /** A generous estimate of a node's JSON size. */
    private static long estimate(Node n) {
        return 300 + 3L * n.name().length() + 67L * n.content().size() + (n.linkTarget() == null ? 0 : 3L * n.linkTarget().length());
    }

    /** The 32-bit finaliser of MurmurHash3: spreads {@link String#hashCode()} so its low bits are uniform. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
