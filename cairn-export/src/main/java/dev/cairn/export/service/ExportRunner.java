package dev.cairn.export.service;

import dev.cairn.export.build.BundleBuilder;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.bundle.SigningKey;
import dev.cairn.export.crypt.Age;
import dev.cairn.export.crypt.AgeRecipient;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.server.error.QuotaExceededException;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.workspace.snapshot.WorkspaceSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import dev.cairn.export.escrow.Software;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queued export: claims it (and keeps its heartbeat while it runs), chains an incremental one to the
 * workspace's newest finished export (built full when there is none), builds the bundle from one snapshot straight into the age encryptor (the plaintext
 * is never at rest: only the SQLite and XLSX formats' working files, in a private scratch directory deleted at the end),
 * writes the ciphertext into that scratch directory too (so a start sweeps it if the server died), stores it counted in
 * the quota, and records the outcome. Thread-safe.
 */
final class ExportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
    private final ExportTable table;
    private final Recipients recipients;
    private final BundleFiles files;
    private final WorkspaceSnapshots snapshots;
    private final SigningKey key;
    private final ScratchDirs scratch;
    private final InstantSource clock;
    private final String serverVersion;
    private final Heartbeats heartbeats;
    private final Optional<Software> software;

    /** This server process's id among those sharing the database (recorded as the runner of what it claims). */
    private final String processId;

    ExportRunner(ExportTable table, Recipients recipients, BundleFiles files, WorkspaceSnapshots snapshots,
            SigningKey key, SpoolDirectory spool, InstantSource clock, String serverVersion, Heartbeats heartbeats,
            Optional<Software> software, String processId) {
        this.processId = processId;
        this.heartbeats = heartbeats;
        this.software = software;
        this.table = table;
        this.recipients = recipients;
        this.files = files;
        this.snapshots = snapshots;
        this.key = key;
        this.scratch = new ScratchDirs(spool.dir());
        this.clock = clock;
        this.serverVersion = serverVersion;
    }

    /** The software an export asked for it carries; fails it when this server has none (it refused such requests). */
    private Software software(Export e) {
        if (!e.withSoftware()) {
            return null;
        }
        return software.orElseThrow(() -> new ServiceException(dev.cairn.protocol.ErrorCode.NO_SOFTWARE,
                "this server does not run from a cairn distribution, so it cannot put its software in the copy; "
                        + "export without the software"));
    }

    /** Deletes the working directories a stopped server left. */
    int sweep() {
        return scratch.sweep();
    }

    /** Runs export {@code id} if it is still queued (another process or run may have taken it). */
    void run(long id) {
        if (!table.claim(id, processId)) {
            return;
        }
        heartbeats.started(id);
        try {
            runClaimed(table.get(id).orElseThrow());
        } finally {
            heartbeats.ended(id);
        }
    }

    private void runClaimed(Export e) {
        long id = e.id();
        try {
            build(e);
        } catch (QuotaExceededException q) {
            table.failed(id, "the encrypted export needs more space than your quota has left; free some space or "
                    + "raise the quota, then export again");
        } catch (ServiceException s) {
            table.failed(id, s.getMessage());
        } catch (Exception | OutOfMemoryError ex) {
            LOG.warn("export {} of workspace {} failed", id, e.workspaceId(), ex);
            table.failed(id, "the export failed on the server (" + ex.getMessage() + "); try again");
        }
    }

    private void build(Export e) throws IOException {
        List<AgeRecipient> to = recipients.list(e.workspaceId()).stream()
                .map(r -> new AgeRecipient(r.recipient())).toList();
        if (to.isEmpty()) {
            throw new ServiceException(dev.cairn.protocol.ErrorCode.NO_RECIPIENT,
                    "no recipient: every recipient was removed before the export ran; add one and export again");
        }
        Path work = scratch.create();
        // the ciphertext is built inside the export's scratch directory, which a start sweeps: a server killed mid-export
        // must not leave it in the spool directory (found by the reliability harness's export crash row, issue 21)
        Path out = Files.createFile(work.resolve("bundle.age"));
        try {
            MessageDigest sha = sha256();
            Optional<Export> previous = previous(e);
            BundleBuilder.Built built;
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(out), sha)) {
                built = new BundleBuilder(snapshots, clock, serverVersion, work).build(new BundleBuilder.Request(
                        e.workspaceId(), e.formats(), e.history(), previous.map(p -> new Manifest.Previous(
                                p.manifestSha256(), p.cut())).orElse(null), software(e)), key,
                        Age.encrypt(file, to));
            }
            long bytes = Files.size(out);
            String bundleSha = HexFormat.of().formatHex(sha.digest());
            files.store(e.accountId(), out, bundleSha, bytes);
            try {
                boolean recorded = table.done(e.id(), new ExportTable.Built(built.cut(), built.manifestSha256(),
                        bundleSha, bytes, previous.isPresent() ? ExportMode.INCREMENTAL : ExportMode.FULL,
                        previous.map(Export::id).orElse(null)));
                if (!recorded) { // failed as orphaned while it ran: it stays failed and holds no bytes
                    LOG.warn("export {} finished after it was failed as orphaned; its bundle is discarded", e.id());
                    files.delete(e.accountId(), bundleSha, bytes);
                }
            } catch (RuntimeException notRecorded) {
                files.delete(e.accountId(), bundleSha, bytes); // a failed export holds no bytes
                throw notRecorded;
            }
        } finally {
            Files.deleteIfExists(out);
            ScratchDirs.delete(work);
        }
    }

    /**
     * What an incremental export chains to: the workspace's newest finished export, if its chain is whole back to a
     * full export with the JSON Lines files a rebuild starts from; none (a full export is built) otherwise.
     */
    private Optional<Export> previous(Export e) {
        if (e.mode() != ExportMode.INCREMENTAL) {
            return Optional.empty();
        }
        return table.latestDone(e.workspaceId()).filter(latest -> {
            List<Export> chain = table.chain(latest);
            return !chain.isEmpty() && chain.getLast().formats().contains("jsonl");
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
