package dev.cairn.export.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.export.ExportFixture;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.RecordInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy that must not be restored gets a clear refusal, and the workspace stays exactly as it was (its rows, its
 * definitions and its change sequence): a newer format version, a changed file, a changed manifest, a copy of another
 * workspace, a copy that breaks a unique or reference rule, and a workspace edited since the diff.
 */
class RestoreBadInputTest {
    @TempDir
    Path tmp;
    final ExportFixture f = new ExportFixture(Dialect.SQLITE).withData();
    final RestoreService restore = RestoreFixture.service(f);
    final RestoreOptions replace = new RestoreOptions("jsonl", "replace", null, false);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aCopyOfANewerFormatVersionIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        Copies.editSigned(copy, null, s -> s, m -> new Manifest(m.format(), Manifest.VERSION + 1, m.workspace(),
                m.cut(), m.exportedAt(), m.server(), m.formats(), m.history(), m.kind(), m.previous(), m.changes(),
                m.schema(), m.files(), m.signature()));
        refused(copy, replace, "export format version " + (Manifest.VERSION + 1) + ", written by a newer cairn");
    }

    @Test
    void aChangedFileIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        Copies.edit(copy, "jsonl/customers.jsonl", s -> s.replace("zoe@example.com", "mallory@example.com"));
        refused(copy, replace, "jsonl/customers.jsonl does not match the SHA-256");
    }

    @Test
    void aChangedManifestIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        Copies.edit(copy, "manifest.json", s -> s.replace("\"cut\" : ", "\"cut\" : 1"));
        refused(copy, replace, "not signed by this server's signing key");
    }

    @Test
    void aCopyOfAnotherWorkspaceNeedsTheFlagAndKeepsItsIds() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        long bob = f.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (name, email, password_hash, "
                + "status, plan, created_at) VALUES ('bob', 'bob@example.com', 'x', 'active', 'default', 0) "
                + "RETURNING id").mapTo(Long.class).one());
        var bobs = f.ws.workspaces().resolve(bob, "bob", null, false);
        assertThatThrownBy(() -> restore.diff(bobs, copy, replace)).isInstanceOf(CopyException.class)
                .hasMessageContaining("this is a copy of workspace").hasMessageContaining("--other-workspace");
        RestoreOptions other = new RestoreOptions("jsonl", "replace", null, true);
        long seq = restore.diff(bobs, copy, other).seq();
        assertThatThrownBy(() -> restore.apply(bobs, copy, other, seq)).isInstanceOf(CopyException.class)
                .hasMessageContaining("already uses [table id");
        assertThat(f.ws.tables().list(bobs)).isEmpty();
    }

    @Test
    void aCopyThatBreaksAUniqueRuleIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        Copies.editSigned(copy, "jsonl/customers.jsonl", s -> s.replace("eve@example.com", "zoe@example.com"),
                m -> m);
        refused(copy, replace, "unique rule of column customers.email");
    }

    @Test
    void aMergeThatWouldDuplicateAUniqueValueIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        long zoe = f.ids.get("customers").getFirst();
        f.ws.records().update(f.ann, "customers", zoe, 1L, RecordInput.of(Map.of("email",
                new Value.Text("new@example.com"))));
        f.ws.records().create(f.ann, "customers", RecordInput.of(Map.of("name", new Value.Text("Twin"), "email",
                new Value.Text("zoe@example.com"))));
        refused(copy, new RestoreOptions("jsonl", "merge", null, false), "unique rule of column customers.email");
    }

    @Test
    void aCopyThatBreaksAReferenceRuleIsRefused() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        long zoe = f.ids.get("customers").getFirst();
        Copies.editSigned(copy, "jsonl/orders.jsonl", s -> s.replaceFirst("\"customer\":" + zoe + ",",
                "\"customer\":999,"), m -> m);
        refused(copy, replace, "reference rule of column orders.customer: it would point at record 999");
    }

    @Test
    void aWorkspaceEditedSinceTheDiffRefusesWith409() throws Exception {
        Path copy = RestoreFixture.copy(f, List.of("jsonl"), tmp);
        long seq = restore.diff(f.ann, copy, replace).seq();
        f.ws.records().create(f.ann, "customers", RecordInput.of(Map.of("name", new Value.Text("Late"))));
        State before = State.of(f);
        assertThatThrownBy(() -> restore.apply(f.ann, copy, replace, seq)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_CHANGED))
                .hasMessageContaining("changed since the diff");
        assertThat(State.of(f)).isEqualTo(before);
    }

    /** Diff and apply both refuse {@code copy}, naming {@code reason}; the workspace is unchanged. */
    private void refused(Path copy, RestoreOptions options, String reason) {
        State before = State.of(f);
        long seq = before.seq();
        assertThatThrownBy(() -> {
            restore.diff(f.ann, copy, options);
            restore.apply(f.ann, copy, options, seq);
        }).isInstanceOf(CopyException.class).hasMessageContaining(reason);
        assertThat(State.of(f)).isEqualTo(before);
    }
}
