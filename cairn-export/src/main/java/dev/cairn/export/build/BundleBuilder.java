package dev.cairn.export.build;

import dev.cairn.export.bundle.BundleWriter;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.bundle.SigningKey;
import dev.cairn.export.delta.Increments;
import dev.cairn.export.escrow.EscrowFiles;
import dev.cairn.export.escrow.Software;
import dev.cairn.export.format.Format;
import dev.cairn.export.format.Formats;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.WorkspaceSnapshots;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the plaintext bundle of one workspace into a stream (an encryptor): one consistent snapshot, the workspace
 * files, the attached files, each format's files, then the signed manifest (docs/spec/export-format.md). Thread-safe.
 */
public final class BundleBuilder {
    private final WorkspaceSnapshots snapshots;
    private final InstantSource clock;
    private final String serverVersion;
    private final Path scratch;

    /** @param scratch a private directory for the SQLite format's working file */
    public BundleBuilder(WorkspaceSnapshots snapshots, InstantSource clock, String serverVersion, Path scratch) {
        this.snapshots = snapshots;
        this.clock = clock;
        this.serverVersion = serverVersion;
        this.scratch = scratch;
    }

    /**
     * What to export: the formats, whether the record history goes in, and for an incremental bundle the export it
     * chains to ({@code previous}; null: a full bundle). An incremental bundle holds its changes in JSON Lines
     * whatever the formats ({@link Increments}). {@code software} (null: none) goes in as the escrow files
     * ({@link EscrowFiles}) after the workspace's files.
     */
    public record Request(long workspaceId, List<String> formats, boolean history, Manifest.Previous previous,
            Software software) {
        public Request {
            formats = List.copyOf(formats);
        }

        /** Without the software. */
        public Request(long workspaceId, List<String> formats, boolean history, Manifest.Previous previous) {
            this(workspaceId, formats, history, previous, null);
        }

        /** A full bundle. */
        public Request(long workspaceId, List<String> formats, boolean history) {
            this(workspaceId, formats, history, null);
        }
    }

    /** What was exported: the cut, the manifest's bytes and its SHA-256 (hex), which names the export. */
    public record Built(long cut, Instant exportedAt, byte[] manifest, String manifestSha256) {
    }

    /** Writes the bundle to {@code out}, which it closes. */
    public Built build(Request request, SigningKey key, OutputStream out) {
        Instant at = clock.instant();
        return snapshots.read(request.workspaceId(), snapshot -> {
            try (BundleWriter bundle = new BundleWriter(out, at)) {
                Manifest.Previous previous = request.previous();
                WorkspaceFiles.write(snapshot, bundle, request.history(), previous == null ? 0 : previous.cut());
                if (previous == null) {
                    AttachmentFiles.write(snapshot, bundle);
                }
                Content content = previous == null ? formats(snapshot, bundle, request.formats())
                        : new Content(List.of("jsonl"), Increments.write(snapshot, bundle, previous.cut()));
                if (request.software() != null) {
                    EscrowFiles.write(request.software(), bundle);
                }
                byte[] manifest = bundle.finish(files -> new Manifest(Manifest.FORMAT, Manifest.VERSION,
                        new Manifest.Workspace(snapshot.workspaceId(), snapshot.name()), snapshot.seq(),
                        at.toString(), new Manifest.Server(serverVersion), content.formats(), request.history(),
                        previous == null ? Manifest.FULL : Manifest.INCREMENTAL, previous, content.changes(),
                        SchemaJson.of(snapshot.tables()), files,
                        new Manifest.Signature(SigningKey.ALGORITHM, key.publicKey())), key);
                return new Built(snapshot.seq(), at, manifest,
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest)));
            }
        });
    }

    /** The formats written and, for an incremental bundle, what it changes. */
    private record Content(List<String> formats, Manifest.Changes changes) {
    }

    private Content formats(Snapshot snapshot, BundleWriter bundle, List<String> names) throws Exception {
        List<Format> formats = Formats.of(names, scratch);
        for (Format format : formats) {
            format.write(snapshot, bundle);
        }
        return new Content(formats.stream().map(Format::name).toList(), null);
    }
}
