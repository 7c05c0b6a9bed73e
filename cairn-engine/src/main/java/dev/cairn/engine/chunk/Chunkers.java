package dev.cairn.engine.chunk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry of chunker algorithms by their persisted name. A repository config stores the name (for example
 * {@code "FASTCDC-1M"}) and the agent creates the chunker from it and the repository's chunker secret.
 *
 * <p>Stateless and thread-safe.
 */
public final class Chunkers {

    /** Length of the chunker secret, bytes. */
    public static final int SECRET_LENGTH = GearTable.SECRET_LENGTH;

    private static final Map<String, ChunkerSpec> SPECS = register(ChunkerSpec.FASTCDC_1M);

    private Chunkers() {}

    /**
     * Creates the chunker registered under {@code name}, keyed with {@code secret}. The secret is not retained, but the
     * chunker holds a table derived from it. Creation costs 256 HMAC-SHA-256 computations; reuse the instance.
     *
     * @param name   a registered name, see {@link #names()}
     * @param secret the per-repository chunker secret, {@value #SECRET_LENGTH} bytes
     * @throws IllegalArgumentException if the name is unknown or the secret has the wrong length
     */
    public static Chunker create(String name, byte[] secret) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        ChunkerSpec spec = SPECS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown chunker '" + name + "'; known chunkers: " + SPECS.keySet()
                    + " (a newer cairn may be needed to open this repository)");
        }
        return new FastCdcChunker(spec, secret);
    }

    /** The registered names, in registration order; unmodifiable. */
    public static Set<String> names() {
        return SPECS.keySet();
    }

    private static Map<String, ChunkerSpec> register(ChunkerSpec... specs) {
        Map<String, ChunkerSpec> map = new LinkedHashMap<>();
        for (ChunkerSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        return Collections.unmodifiableMap(map);
    }
}
