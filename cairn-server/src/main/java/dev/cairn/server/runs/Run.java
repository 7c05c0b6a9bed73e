package dev.cairn.server.runs;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A recorded run as the API returns it: the report's fields, the {@code device} it was recorded under (the token's
 * device name, else the reported host) and when the server received it. {@code id} orders runs as received.
 */
@JsonPropertyOrder({"id", "runId", "device", "kind", "set", "repository", "host", "agentVersion", "startedAt",
        "endedAt", "status", "snapshotId"})
public record Run(long id, String runId, String device, String kind, String set, String repository, String host,
        String agentVersion, Instant startedAt, Instant endedAt, String status, String snapshotId, long filesNew,
        long filesChanged, long filesUnchanged, long bytesNew, long bytesChanged, long bytesUnchanged,
        long bytesStored, List<String> errors, boolean damageFound, Instant receivedAt) {

    public boolean succeeded() {
        return RunKind.SUCCESS.equals(status);
    }
}
