package dev.cairn.workspace.members;

import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Open invitations and revoking them; what a purge would drop, before it does; on both dialects. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class InvitationsAndPurgePlanTest {
    final WorkspaceFixture f;

    InvitationsAndPurgePlanTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void openInvitationsAreListedNewestFirstAndARevokedOneIsGone() {
        Workspaces ws = f.ws.workspaces();
        var first = ws.invite(f.ann, "bob@example.com", "viewer");
        f.clock.advance(Duration.ofMinutes(1));
        ws.invite(f.ann, "cy@example.com", "editor");
        var open = ws.invitations(f.ann);
        assertThat(open).extracting(Workspaces.PendingInvitation::email).containsExactly("cy@example.com",
                "bob@example.com");
        ws.revoke(f.ann, open.get(1).id());
        assertThat(ws.invitations(f.ann)).extracting(Workspaces.PendingInvitation::email)
                .containsExactly("cy@example.com");
        long bob = f.account("bob");
        assertThatThrownBy(() -> ws.accept(bob, first.code())).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.GONE));
        assertThatThrownBy(() -> ws.revoke(f.ann, open.get(1).id())).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void thePurgePlanNamesWhatAPurgeDropsAndChangesNothing() {
        f.ws.tables().create(f.ann, new TableSpec("keep", null, List.of(ColumnSpec.of("a", TEXT),
                ColumnSpec.of("b", INTEGER))));
        f.ws.tables().create(f.ann, new TableSpec("drop", null, List.of(ColumnSpec.of("a", TEXT))));
        f.ws.tables().patch(f.ann, "keep", new TablePatch(null, null, null, List.of("b"), null, null));
        f.ws.tables().delete(f.ann, "drop");
        var plan = f.ws.purger().pending(f.ann);
        assertThat(plan.tables()).containsExactly("drop");
        assertThat(plan.columns()).containsExactly("keep.b");
        assertThat(f.ws.purger().pending(f.ann)).isEqualTo(plan);
        assertThat(f.ws.purger().purge(f.ann)).isEqualTo(plan);
        assertThat(f.ws.purger().pending(f.ann).columns()).isEmpty();
    }
}
