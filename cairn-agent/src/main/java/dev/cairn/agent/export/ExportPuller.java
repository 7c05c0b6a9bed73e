package dev.cairn.agent.export;

import dev.cairn.blob.StreamThrottle;
import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.bundle.BundleUnpacker;
import dev.cairn.export.chain.ChainException;
import dev.cairn.export.chain.Chains;
import dev.cairn.export.chain.Link;
import dev.cairn.export.crypt.Age;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pulls every finished export of a server that a copy directory does not have yet. Per export: download (resumed) into
 * {@code .cairn-export/export-N.age.part}; check its size and SHA-256 against the server's listing; decrypt and unpack
 * into {@code .cairn-export/export-N.tmp}; check the manifest's signature by the pinned key and every file's size and
 * SHA-256, and for an incremental export that the export it chains to is in the directory (its manifest digest and
 * cut); only then move it to {@code DIR/<created, UTC>-export-N} in one rename. Anything that fails a check is
 * deleted; a copy directory never holds a partial export under a final name. An incremental export whose chain is
 * broken is not kept, the pull goes on with the others and fails at the end naming it.
 */
public final class ExportPuller {
    private static final DateTimeFormatter DATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What pull reports as it goes (the command prints it). */
    public interface Listener {
        void pinned(String key);

        void resumed(long id, long offset);

        /** Export {@code id} was checked and kept in {@code dir}; a failure here fails the pull (the copy stays). */
        void pulled(long id, Path dir) throws IOException;
    }

    /** What a pull did: the directories it added, and how many exports the directory had already. */
    public record Result(List<Path> pulled, int alreadyHad) {
    }

    private final URI server;
    private final ExportCredentials credentials;
    private final String identity;
    private final Path dir;
    private final Listener listener;
    private final StreamThrottle downloads;

    /** @param identity the age identity ({@code AGE-SECRET-KEY-1…}) of a recipient the exports are encrypted to */
    public ExportPuller(URI server, ExportCredentials credentials, String identity, Path dir, Listener listener) {
        this(server, credentials, identity, dir, listener, StreamThrottle.NONE);
    }

    /** As above, the bundles downloaded no faster than {@code downloads} allows (a bandwidth limit). */
    public ExportPuller(URI server, ExportCredentials credentials, String identity, Path dir, Listener listener,
                        StreamThrottle downloads) {
        this.server = server;
        this.credentials = credentials;
        this.identity = identity;
        this.dir = dir;
        this.listener = listener;
        this.downloads = downloads;
    }

    public Result pull() throws IOException {
        try (ExportsClient client = new ExportsClient(server, credentials.token(server), downloads)) {
            return pull(client);
        }
    }

    private Result pull(ExportsClient client) throws IOException {
        String key = client.signingKey();
        Files.createDirectories(dir);
        if (PinnedKey.check(dir, key)) {
            listener.pinned(key);
        }
        List<Path> pulled = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        int had = 0;
        for (RemoteExport e : client.list().reversed()) {
            if (!e.done()) {
                continue;
            }
            if (have(e.id())) {
                had++;
                continue;
            }
            try {
                pulled.add(pullOne(client, e, key));
            } catch (ChainException chain) {
                broken.add(chain.getMessage());
            }
        }
        if (!broken.isEmpty()) {
            throw new ExportFailure(ExportFailure.Kind.DAMAGED, pulled.size() + " export(s) pulled, but "
                    + String.join("; ", broken));
        }
        return new Result(pulled, had);
    }

    private Path pullOne(ExportsClient client, RemoteExport e, String key) throws IOException {
        Path state = PinnedKey.State.dir(dir);
        Path part = state.resolve("export-" + e.id() + ".age.part");
        Path tmp = state.resolve("export-" + e.id() + ".tmp");
        DiskSpace.require(state, e.bytes() - (Files.exists(part) ? Files.size(part) : 0), "download export " + e.id());
        long resumed = DiskSpace.mapFull(() -> client.download(e, part));
        if (resumed > 0) {
            listener.resumed(e.id(), resumed);
        }
        checkDownload(e, part);
        try {
            unpack(e, part, tmp);
            List<String> problems = BundleCheck.problems(tmp, key);
            if (!problems.isEmpty()) {
                throw new ExportFailure(ExportFailure.Kind.DAMAGED, "export " + e.id() + " failed its check and was "
                        + "not kept: " + String.join("; ", problems));
            }
            checkManifest(e, tmp);
            checkChain(e, tmp);
            Path target = dir.resolve(DATED.format(e.createdAt()) + "-export-" + e.id());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(part);
            listener.pulled(e.id(), target);
            return target;
        } catch (IOException | RuntimeException failed) {
            Trees.delete(tmp);
            Files.deleteIfExists(part);
            throw failed;
        }
    }

    private static void checkDownload(RemoteExport e, Path part) throws IOException {
        if (Files.size(part) != e.bytes() || !sha256(part).equals(e.bundleSha256())) {
            Files.delete(part);
            throw new ExportFailure(ExportFailure.Kind.DAMAGED, "the download of export " + e.id() + " does not match "
                    + "the size and SHA-256 the server lists; it was deleted, nothing was kept. Pull again");
        }
    }

    private void unpack(RemoteExport e, Path part, Path tmp) throws IOException {
        Trees.delete(tmp);
        try (InputStream in = Age.decrypt(Files.newInputStream(part), identity)) {
            DiskSpace.mapFull(() -> BundleUnpacker.unpack(in, tmp));
        } catch (ExportFailure f) {
            throw f;
        } catch (IOException | RuntimeException ex) {
            throw new ExportFailure(ExportFailure.Kind.DAMAGED, "cannot decrypt export " + e.id() + " with this "
                    + "identity (" + ex.getMessage() + "); is it the key of a recipient registered on the server? "
                    + "Nothing was kept", ex);
        }
    }

    /** The manifest unpacked is the one the server listed (its SHA-256 names the export). */
    private static void checkManifest(RemoteExport e, Path tmp) throws IOException {
        if (e.manifestSha256() != null && !sha256(tmp.resolve("manifest.json")).equals(e.manifestSha256())) {
            throw new ExportFailure(ExportFailure.Kind.DAMAGED, "export " + e.id() + " holds another manifest than "
                    + "the server lists; it was not kept");
        }
    }

    /** An incremental export's previous export is in the copy (so the chain can be rebuilt), else nothing is kept. */
    private void checkChain(RemoteExport e, Path tmp) throws IOException {
        Link link = Link.read(tmp);
        if (!link.incremental()) {
            return;
        }
        List<Link> kept = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path p : children.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).toList()) {
                kept.add(Link.read(p));
            }
        }
        kept.add(link);
        var problem = Chains.check(kept).get(link);
        if (problem.isPresent()) {
            throw new ChainException("export " + e.id() + " is incremental and the export it is an increment of "
                    + "(manifest " + link.manifest().previous().manifestSha256() + ", cut "
                    + link.manifest().previous().cut() + ") is not in " + dir + ": the chain is broken there, so it "
                    + "was not kept. Pull into the directory that holds the earlier exports, or ask the owner for a "
                    + "full export");
        }
    }

    private boolean have(long id) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(p -> p.getFileName().toString().endsWith("-export-" + id));
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
