package dev.cairn.workspace.write;

import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The {@link WriterLane} of each workspace, kept as a setting of one {@link org.jdbi.v3.core.Jdbi} (so two databases in
 * one process never share a lane). Copies of the setting share the lanes. Lanes are small and live as long as the
 * {@code Jdbi}; there is one per workspace written since start.
 */
public final class WriterQueue implements JdbiConfig<WriterQueue> {
    private final ConcurrentHashMap<Long, WriterLane> lanes;

    public WriterQueue() {
        this.lanes = new ConcurrentHashMap<>();
    }

    private WriterQueue(WriterQueue other) {
        this.lanes = other.lanes;
    }

    WriterLane lane(long workspaceId) {
        return lanes.computeIfAbsent(workspaceId, id -> new WriterLane());
    }

    @Override
    public WriterQueue createCopy() {
        return new WriterQueue(this);
    }
}
