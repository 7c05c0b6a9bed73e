package dev.cairn.agent.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** An export as the server lists it (docs/spec/http-api.md §13); only the members pull uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteExport(long id, String status, String bundleSha256, Long bytes, String manifestSha256,
        Instant createdAt, String href) {
    boolean done() {
        return "done".equals(status);
    }
}
