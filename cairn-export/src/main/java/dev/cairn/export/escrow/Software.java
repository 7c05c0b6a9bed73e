package dev.cairn.export.escrow;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The cairn distribution this server runs from, as an escrow copy carries it: the runnable jar and the source archive of
 * the same build ({@code cairn-src.tar.gz}, written beside {@code cairn.jar} by the distribution's package step).
 *
 * @param version the running version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param jar     the runnable jar ({@code java -jar} starts cairn)
 * @param sources the source archive of that version (tar.gz, one top directory)
 */
public record Software(String version, Path jar, Path sources) {
    /** The source archive's name beside the jar. */
    public static final String SOURCES_NAME = "cairn-src.tar.gz";

    /**
     * The distribution {@code anchor} was loaded from: its jar and the source archive beside it; empty when the class
     * does not come from a jar (tests, an IDE) or the archive is missing. Never throws.
     */
    public static Optional<Software> of(Class<?> anchor, String version) {
        try {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return beside(Path.of(source.getLocation().toURI()), version);
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The software whose jar is {@code jar}, with {@value #SOURCES_NAME} beside it; empty when either is missing. */
    public static Optional<Software> beside(Path jar, String version) {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            return Optional.empty();
        }
        Path sources = jar.resolveSibling(SOURCES_NAME);
        return Files.isRegularFile(sources) ? Optional.of(new Software(version, jar, sources)) : Optional.empty();
    }
}
