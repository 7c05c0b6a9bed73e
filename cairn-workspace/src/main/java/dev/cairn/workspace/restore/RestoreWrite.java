package dev.cairn.workspace.restore;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.write.WriteTx;
import java.time.InstantSource;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A restore's write (ADR 31): one transaction of its own under the workspace's write lock, which goes ahead only if the
 * workspace is still at the change sequence its diff was computed against; otherwise 409 {@code workspace-changed}
 * and nothing changes. Everything the body does commits together or not at all.
 */
public final class RestoreWrite {
    private RestoreWrite() {
    }

    /** Runs {@code body} alone in one transaction if the workspace's sequence is still {@code expectedSeq}. */
    public static <T> T run(Jdbi jdbi, Caller caller, InstantSource clock, long expectedSeq,
            Function<WriteTx, T> body) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> {
            long seq = seq(tx.handle(), tx.workspaceId());
            if (seq != expectedSeq) {
                throw new ServiceException(ErrorCode.WORKSPACE_CHANGED, "the workspace changed since the diff was "
                        + "computed (change " + expectedSeq + ", now " + seq + "); nothing was restored. Look at the "
                        + "diff again and restore then");
            }
            return body.apply(tx);
        });
    }

    /** The workspace's change sequence as this handle sees it. */
    public static long seq(Handle h, long workspaceId) {
        return h.createQuery("SELECT seq FROM workspaces WHERE id = :w").bind("w", workspaceId).mapTo(Long.class)
                .one();
    }
}
