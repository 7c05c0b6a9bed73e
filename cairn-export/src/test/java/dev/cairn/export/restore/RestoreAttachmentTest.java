package dev.cairn.export.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.export.ExportFixture;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.QuotaExceededException;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.RecordInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy's attached files through a restore (ADR 31): a changed file is refused, a full quota refuses the restore with
 * the quota problem, and a restore that fails after its files were stored (quota, a broken rule, 409) keeps none of
 * them, counted or not; a killed one's are reclaimed by the collection of unused uploads. An id another workspace
 * holds gets a new one, an unchanged file is neither stored again nor shown as changed, a changed one is.
 */
class RestoreAttachmentTest {
    private static final RestoreOptions REPLACE = new RestoreOptions("jsonl", "replace", null, true);
    @TempDir
    Path tmp;
    final ExportFixture source = new ExportFixture(Dialect.SQLITE).withData();
    final ExportFixture target = new ExportFixture(Dialect.SQLITE);
    final RestoreService restore = RestoreFixture.service(target);

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    @Test
    void aChangedAttachedFileIsRefusedAndNothingIsKept() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        String scan = scanPath(copy);
        Copies.editSigned(copy, scan, s -> s.replace("ünïcode", "changed"), m -> m);
        State before = State.of(target);
        assertThatThrownBy(() -> restore.apply(target.ann, copy, REPLACE, before.seq()))
                .isInstanceOf(CopyException.class).hasMessageContaining("the attached file " + scan)
                .hasMessageContaining("the server recorded").hasMessageContaining("Nothing was restored");
        assertNothingKept(before);
    }

    @Test
    void aChangedFileTheManifestDoesNotKnowIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        String scan = scanPath(copy);
        Copies.edit(copy, scan, s -> s.replace("ünïcode", "changed"));
        State before = State.of(target);
        assertThatThrownBy(() -> restore.diff(target.ann, copy, REPLACE)).isInstanceOf(CopyException.class)
                .hasMessageContaining(scan + " does not match");
        assertThatThrownBy(() -> restore.apply(target.ann, copy, REPLACE, before.seq()))
                .isInstanceOf(CopyException.class).hasMessageContaining("changed after the export");
        assertNothingKept(before);
    }

    @Test
    void aMissingAttachedFileIsRefusedUnlessADiffWasToldTheFilesAreLeftOut() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        RestoreDiff whole = restore.diff(target.ann, copy, REPLACE);
        String scan = scanPath(copy);
        Files.delete(copy.resolve(scan));
        assertThatThrownBy(() -> restore.diff(target.ann, copy, REPLACE)).isInstanceOf(CopyException.class)
                .hasMessageContaining("incomplete: " + scan + " is missing");
        assertThat(restore.diff(target.ann, copy, REPLACE, false)).as("compared by the index, as with the files")
                .isEqualTo(whole);
        State before = State.of(target);
        assertThatThrownBy(() -> restore.apply(target.ann, copy, REPLACE, before.seq()))
                .isInstanceOf(CopyException.class).hasMessageContaining("incomplete: " + scan + " is missing");
        assertNothingKept(before);
    }

    @Test
    void aFullQuotaRefusesTheRestoreWithTheQuotaProblemAndKeepsNothing() {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        long first = source.uploaded.values().iterator().next().length;
        target.db.jdbi().useHandle(h -> h.execute("UPDATE accounts SET quota_bytes = ? WHERE id = ?", first + 1,
                target.ann.accountId()));
        State before = State.of(target);
        assertThatThrownBy(() -> restore.apply(target.ann, copy, REPLACE, before.seq()))
                .isInstanceOf(QuotaExceededException.class);
        assertNothingKept(before);
    }

    @Test
    void aBrokenRuleAfterTheFilesWereStoredKeepsNone() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        Copies.editSigned(copy, "jsonl/customers.jsonl", s -> s.replace("eve@example.com", "zoe@example.com"),
                m -> m);
        State before = State.of(target);
        assertThatThrownBy(() -> restore.apply(target.ann, copy, REPLACE, before.seq()))
                .isInstanceOf(CopyException.class).hasMessageContaining("unique rule");
        assertNothingKept(before);
    }

    @Test
    void aWorkspaceChangedSinceTheDiffKeepsNoneOfTheFiles() {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        long seq = restore.diff(target.ann, copy, REPLACE).seq();
        target.db.jdbi().useHandle(h -> h.execute("UPDATE workspaces SET seq = seq + 1 WHERE id = ?",
                target.ann.workspaceId()));
        State before = State.of(target);
        assertThatThrownBy(() -> restore.apply(target.ann, copy, REPLACE, seq)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_CHANGED));
        assertNothingKept(before);
    }

    @Test
    void filesAKilledRestoreStoredAreReclaimedByTheCollection() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        CopyFiles stored = CopyFiles.store(target.files, target.ann, CopyAttachments.read(copy), 0);
        assertThat(stored.stored()).hasSize(3);
        assertThat(target.quota.usage(target.ann.accountId()).storedBytes()).isPositive();
        // the server dies here: nothing deletes them but the collection of uploads nothing names
        assertThat(target.files.collect(Duration.ofDays(1))).as("within the grace").isZero();
        target.clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(target.files.collect(Duration.ofDays(1))).isEqualTo(3);
        assertThat(attachmentRows(target)).isZero();
        assertThat(target.quota.usage(target.ann.accountId()).storedBytes()).isZero();
    }

    @Test
    void anIdAnotherWorkspaceHoldsGetsANewOneAndTheDiffStaysEmpty() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        Attachment scan = (Attachment) source.ws.records().get(source.ann, "files",
                source.ids.get("files").getFirst()).value("scan");
        long bob = target.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (name, email, "
                + "password_hash, status, plan, created_at) VALUES ('bob', 'bob@example.com', 'x', 'active', "
                + "'default', 0) RETURNING id").mapTo(Long.class).one());
        long bobs = target.ws.workspaces().resolve(bob, "bob", null, false).workspaceId();
        target.db.jdbi().useHandle(h -> h.execute("INSERT INTO ws_attachments (id, workspace_id, name, content_type, "
                + "bytes, sha256, created_at) VALUES (?, ?, 'other.txt', 'text/plain', 1, ?, 0)", scan.id(), bobs,
                "0".repeat(64)));

        restore.apply(target.ann, copy, REPLACE, restore.diff(target.ann, copy, REPLACE).seq());
        Attachment restored = (Attachment) target.ws.records().get(target.ann, "files",
                source.ids.get("files").getFirst()).value("scan");
        assertThat(restored.id()).isNotEqualTo(scan.id()).matches("[0-9a-f]{32}");
        assertThat(restored).isEqualTo(new Attachment(restored.id(), scan.name(), scan.contentType(), scan.bytes(),
                scan.sha256()));
        assertThat(RestoreRoundTripTest.download(target, restored.id())).isEqualTo(source.uploaded.get(scan.id()));
        assertThat(restore.diff(target.ann, copy, REPLACE).isEmpty()).as("same name and bytes: no change").isTrue();
        long rows = attachmentRows(target);
        restore.apply(target.ann, copy, REPLACE, restore.diff(target.ann, copy, REPLACE).seq());
        assertThat(attachmentRows(target)).as("restoring again stores nothing").isEqualTo(rows);
    }

    @Test
    void onlyAChangedFileIsAChangeAndItsRestoreStoresNothingNew() throws Exception {
        Path copy = RestoreFixture.copy(source, List.of("jsonl"), tmp);
        RestoreService back = RestoreFixture.service(source);
        RestoreOptions own = new RestoreOptions("jsonl", "replace", null, false);
        assertThat(back.diff(source.ann, copy, own).isEmpty()).isTrue();
        long record = source.ids.get("files").getFirst();
        Attachment before = (Attachment) source.ws.records().get(source.ann, "files", record).value("scan");
        Attachment other = source.files.upload(source.ann, "other.pdf", "application/pdf",
                new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        long version = source.ws.records().get(source.ann, "files", record).version();
        source.ws.records().update(source.ann, "files", record, version, RecordInput.of(Map.of("scan",
                (Value) Attachment.pending(other.id(), "scan"))));
        long rows = attachmentRows(source);

        RestoreDiff diff = back.diff(source.ann, copy, own);
        RestoreDiff.TableDiff files = diff.tables().stream().filter(t -> t.name().equals("files")).findFirst()
                .orElseThrow();
        assertThat(files.changed()).isEqualTo(1);
        assertThat(files.samples().getFirst().fields()).containsOnlyKeys("scan");
        back.apply(source.ann, copy, own, diff.seq());
        assertThat(source.ws.records().get(source.ann, "files", record).value("scan")).isEqualTo(before);
        assertThat(attachmentRows(source)).as("the file was still here").isEqualTo(rows);
        assertThat(back.diff(source.ann, copy, own).isEmpty()).isTrue();
    }

    /** The target is as it was, holds no upload and has nothing counted or reserved in its quota. */
    private void assertNothingKept(State before) {
        assertThat(State.of(target)).isEqualTo(before);
        assertThat(attachmentRows(target)).isZero();
        var usage = target.quota.usage(target.ann.accountId());
        assertThat(usage.storedBytes()).as("stored bytes").isZero();
        assertThat(usage.reservedBytes()).as("reserved bytes").isZero();
    }

    private static long attachmentRows(ExportFixture f) {
        return f.db.reads().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_attachments").mapTo(Long.class)
                .one());
    }

    /** The bundle path of the first record's scan (a text file). */
    private String scanPath(Path copy) throws Exception {
        return CopyAttachments.read(copy).byPath().keySet().stream().filter(p -> p.contains("/scan/")).findFirst()
                .orElseThrow();
    }
}
