package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The leases of one server repository (docs/spec/http-api.md §12.4): acquire, renew, release, list and remove all.
 * A renewal answered 410 throws {@link LeaseLostException}; an acquisition answered 409 {@link LeaseConflictException}.
 * Thread-safe.
 */
public final class LeaseClient {
    private final JsonHttp http;
    private final String path;

    private LeaseClient(JsonHttp http, String repo) {
        this.http = http;
        this.path = "/api/v1/repos/" + repo + "/leases";
    }

    /** Leases of {@code location}'s repository, with {@code token}. */
    public static LeaseClient of(HttpClient client, ServerLocation location, String token) {
        return new LeaseClient(JsonHttp.bearer(client, location, token), location.repo());
    }

    /** Takes a lease ({@code exclusive} or shared) for {@code ttl}, held by {@code holder} (shown to others). */
    public Lease acquire(boolean exclusive, String holder, Duration ttl) throws IOException {
        ObjectNode body = JsonHttp.JSON.createObjectNode().put("mode", exclusive ? "exclusive" : "shared")
                .put("holder", holder).put("ttlSeconds", ttl.toSeconds());
        HttpResponse<byte[]> r = http.raw("POST", path, body, "take a lease on " + http.server());
        if (r.statusCode() == 409) {
            JsonNode problem = Problems.parse(r.body());
            List<Lease> holders = leases(problem.path("holders"));
            long wait = problem.path("retryAfterSeconds").asLong(ttl.toSeconds());
            throw new LeaseConflictException(problem.path("detail").asText("the repository is in use"), holders,
                    Duration.ofSeconds(wait));
        }
        return Lease.of(check(r, "take a lease on " + http.server()));
    }

    /** Renews lease {@code id} for its TTL. */
    public Lease renew(String id) throws IOException {
        HttpResponse<byte[]> r = http.raw("PUT", path + "/" + id, null, "renew the lease on " + http.server());
        if (r.statusCode() == 410) {
            throw new LeaseLostException("lost the lease on " + http.server() + ": "
                    + Problems.parse(r.body()).path("detail").asText("it expired or was removed"));
        }
        return Lease.of(check(r, "renew the lease on " + http.server()));
    }

    /** Ends lease {@code id} (also fine when it is already gone). */
    public void release(String id) throws IOException {
        http.send("DELETE", path + "/" + id, null, "release the lease on " + http.server());
    }

    /** The live leases. */
    public List<Lease> list() throws IOException {
        return leases(http.send("GET", path, null, "list the leases on " + http.server()));
    }

    /** Removes every lease; returns those removed (needs a full token). */
    public List<Lease> removeAll() throws IOException {
        return leases(http.send("DELETE", path, null, "remove the leases on " + http.server()));
    }

    private JsonNode check(HttpResponse<byte[]> r, String what) throws IOException {
        if (r.statusCode() >= 300) {
            throw Problems.toException(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null), null,
                    what, http.server().serverAddress());
        }
        return Problems.parse(r.body());
    }

    private static List<Lease> leases(JsonNode array) {
        List<Lease> out = new ArrayList<>();
        array.forEach(node -> out.add(Lease.of(node)));
        return out;
    }

    @Override
    public String toString() {
        return "LeaseClient(" + http.server() + ")";
    }
}
