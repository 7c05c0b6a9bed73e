package dev.cairn.export.service;

import dev.cairn.export.format.Formats;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A workspace's exports: starts one (queued, then run in the background by {@code executor}), lists them, and opens the
 * stored encrypted bundle of a finished one. Every call names the workspace, so no export of another workspace can be
 * reached. Thread-safe.
 */
public final class ExportService {
    /** Who an export started by the schedule is created by. */
    public static final String SCHEDULE = "schedule";
    private final ExportTable table;
    private final Recipients recipients;
    private final BundleFiles files;
    private final ExportRunner runner;
    private final Executor executor;
    private final boolean hasSoftware;

    /** @param hasSoftware whether this server can put its distribution in a copy (escrow) */
    ExportService(ExportTable table, Recipients recipients, BundleFiles files, ExportRunner runner,
            Executor executor, boolean hasSoftware) {
        this.table = table;
        this.recipients = recipients;
        this.files = files;
        this.runner = runner;
        this.executor = executor;
        this.hasSoftware = hasSoftware;
    }

    /**
     * Queues an export of the workspace as asked (formats: all if none; an incremental one's full exports need the JSON
     * Lines files, so {@code jsonl} is added to its formats) and starts it in the background.
     *
     * @throws ServiceException {@code no-recipient} if the workspace has no recipient, {@code validation-failed} for
     *     an unknown format, {@code no-software} when the software is asked for and the server does not run from a distribution
     */
    public Export start(long workspaceId, ExportRequest request, String by) {
        ExportRequest chosen = chosen(request);
        if (chosen.withSoftware() && !hasSoftware) {
            throw new ServiceException(ErrorCode.NO_SOFTWARE, "this server cannot add its software to the copy: it does "
                    + "not run from a cairn distribution (cairn.jar with cairn-src.tar.gz beside it); export without "
                    + "the software, or ask the operator to run the distribution");
        }
        if (recipients.list(workspaceId).isEmpty()) {
            throw new ServiceException(ErrorCode.NO_RECIPIENT, "add a recipient first: an export is only ever "
                    + "encrypted to a key you hold (age-keygen, or cairn export keygen, makes one)");
        }
        long id = table.queue(workspaceId, chosen, by);
        executor.execute(() -> runner.run(id));
        return table.get(id).orElseThrow();
    }

    /**
     * The schedule's export, started by its job (which checked there is a recipient): full, or for an incremental
     * schedule incremental unless the chain of the workspace's newest export has {@code fullEvery} exports already.
     */
    void startScheduled(Schedule s) {
        ExportMode mode = s.mode() == ExportMode.INCREMENTAL && chainLength(s.workspaceId()) < s.fullEvery()
                ? ExportMode.INCREMENTAL : ExportMode.FULL;
        boolean withSoftware = s.withSoftware() && mode == ExportMode.FULL && hasSoftware;
        long id = table.queue(s.workspaceId(), chosen(new ExportRequest(s.formats(), s.history(), mode,
                withSoftware)), SCHEDULE);
        executor.execute(() -> runner.run(id));
    }

    /** How many exports the chain of the workspace's newest finished export has (0: none, or a broken chain). */
    int chainLength(long workspaceId) {
        return table.latestDone(workspaceId).map(table::chain).map(List::size).orElse(0);
    }

    /** The request with its formats checked and chosen ({@link #chosen(List)}), {@code jsonl} added for incremental. */
    static ExportRequest chosen(ExportRequest r) {
        List<String> formats = new ArrayList<>(chosen(r.formats()));
        if (r.mode() == ExportMode.INCREMENTAL && !formats.contains("jsonl")) {
            formats.add("jsonl");
        }
        return new ExportRequest(chosen(formats), r.history(), r.mode(), r.withSoftware());
    }

    /** Whether an export of the workspace is queued or running. */
    boolean busy(long workspaceId) {
        return table.busy(workspaceId);
    }

    /** {@code asked} in the formats' order, all of them if none. */
    static List<String> chosen(List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            return Formats.NAMES;
        }
        List<String> unknown = new ArrayList<>(asked);
        unknown.removeAll(Formats.NAMES);
        if (!unknown.isEmpty()) {
            throw new ServiceException(ErrorCode.VALIDATION_FAILED, "unknown format " + String.join(", ", unknown)
                    + "; choose from " + String.join(", ", Formats.NAMES));
        }
        return Formats.NAMES.stream().filter(asked::contains).toList();
    }

    /** The workspace's exports, newest first. */
    public List<Export> list(long workspaceId) {
        return table.list(workspaceId);
    }

    /** @throws ServiceException {@code not-found} if the workspace has no such export */
    public Export get(long workspaceId, long id) {
        return table.get(id).filter(e -> e.workspaceId() == workspaceId)
                .orElseThrow(() -> ServiceException.notFound("no export " + id + " in this workspace"));
    }

    /**
     * {@code length} bytes from {@code offset} of a finished export's encrypted bundle.
     *
     * @throws ServiceException {@code export-not-ready} if it is not done
     */
    public InputStream open(Export e, long offset, long length) throws IOException {
        requireDone(e);
        return files.open(e.accountId(), e.bundleSha256(), offset, length);
    }

    /** @throws ServiceException {@code export-not-ready} if the export is not done */
    public static void requireDone(Export e) {
        if (e.status() != ExportStatus.DONE) {
            throw new ServiceException(ErrorCode.EXPORT_NOT_READY, "export " + e.id() + " is " + e.status()
                    .wireName() + (e.error() == null ? "; fetch it once it is done" : ": " + e.error()));
        }
    }

    /**
     * Deletes a finished or failed export and its bundle, giving its bytes back to the quota.
     *
     * @throws ServiceException {@code export-not-ready} while it is queued or running, {@code in-use} while a finished
     *     incremental export chains to it
     */
    public void delete(Export e) throws IOException {
        if (e.status() == ExportStatus.QUEUED || e.status() == ExportStatus.RUNNING) {
            throw new ServiceException(ErrorCode.EXPORT_NOT_READY, "export " + e.id() + " is " + e.status().wireName()
                    + "; delete it once it is done or failed");
        }
        List<Long> dependents = table.dependents(e.id());
        if (!dependents.isEmpty()) {
            throw new ServiceException(ErrorCode.IN_USE, "export " + e.id() + " is the base of incremental export "
                    + dependents.getFirst() + ", which cannot be restored without it; delete that one first");
        }
        if (e.bundleSha256() != null) {
            files.delete(e.accountId(), e.bundleSha256(), e.bytes());
        }
        table.delete(e.id());
    }

    /** Runs the exports still queued (another process's, or one whose start was lost). */
    public void runQueued() {
        table.queued().forEach(runner::run);
    }

    /**
     * Deletes the account's exports and every bundle in its export store (the account's purge; its workspace, and so
     * its export rows, may be gone already).
     */
    public void purge(long accountId) throws IOException {
        table.ofAccount(accountId).forEach(e -> table.delete(e.id()));
        files.deleteAll(accountId);
    }
}
