package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.Sleeper;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The leases of one server repository (docs/spec/http-api.md §12.4): acquire, renew, release, list and remove all.
 * A renewal answered 410 throws {@link LeaseLostException}; an acquisition answered 409 {@link LeaseConflictException}.
 *
 * <p>Every call is retried, as blob transfers are ({@link RemoteStores#RETRY}), when the connection fails (refused,
 * reset, no response: a server that was killed or is restarting behind a balancer) or the server answers 408, 429 or
 * 5xx. An acquisition retried after a lost answer may find the lease its earlier attempt took: the conflict then names
 * a live lease with this acquisition's holder and mode, and that lease is taken as this acquisition's (a holder names
 * its process, e.g. {@code alice@laptop pid 4242 (backup)}, and a process takes one lease per repository at a time),
 * instead of the caller waiting out its own lease. Thread-safe.
 */
public final class LeaseClient {
    private final JsonHttp http;
    private final String path;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    private LeaseClient(JsonHttp http, String repo, RetryPolicy retry, Sleeper sleeper) {
        this.http = http;
        this.path = "/api/v1/repos/" + repo + "/leases";
        this.retry = java.util.Objects.requireNonNull(retry, "retry");
        this.sleeper = java.util.Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Leases of {@code location}'s repository, with {@code token}. */
    public static LeaseClient of(HttpClient client, ServerLocation location, String token) {
        return of(client, location, token, RemoteStores.RETRY, Sleeper.system());
    }

    /** As {@link #of(HttpClient, ServerLocation, String)}, retrying per {@code retry}, waiting with {@code sleeper}. */
    public static LeaseClient of(HttpClient client, ServerLocation location, String token, RetryPolicy retry,
            Sleeper sleeper) {
        return new LeaseClient(JsonHttp.bearer(client, location, token), location.repo(), retry, sleeper);
    }

    /** Takes a lease ({@code exclusive} or shared) for {@code ttl}, held by {@code holder} (shown to others). */
    public Lease acquire(boolean exclusive, String holder, Duration ttl) throws IOException {
        ObjectNode body = JsonHttp.JSON.createObjectNode().put("mode", exclusive ? "exclusive" : "shared")
                .put("holder", holder).put("ttlSeconds", ttl.toSeconds());
        int[] attempts = {0};
        HttpResponse<byte[]> r = retried(() -> {
            attempts[0]++;
            return http.raw("POST", path, body, "take a lease on " + http.server());
        });
        if (r.statusCode() == 409) {
            JsonNode problem = Problems.parse(r.body());
            List<Lease> holders = leases(problem.path("holders"));
            String mode = exclusive ? "exclusive" : "shared";
            if (attempts[0] > 1) { // an earlier attempt may have taken the lease and lost its answer
                for (Lease own : holders) {
                    if (own.holder().equals(holder) && own.mode().equals(mode)) {
                        return own;
                    }
                }
            }
            long wait = problem.path("retryAfterSeconds").asLong(ttl.toSeconds());
            throw new LeaseConflictException(problem.path("detail").asText("the repository is in use"), holders,
                    Duration.ofSeconds(wait));
        }
        return Lease.of(check(r, "take a lease on " + http.server()));
    }

    /** Renews lease {@code id} for its TTL. */
    public Lease renew(String id) throws IOException {
        HttpResponse<byte[]> r = retried(() -> http.raw("PUT", path + "/" + id, null, "renew the lease on "
                + http.server()));
        if (r.statusCode() == 410) {
            throw new LeaseLostException("lost the lease on " + http.server() + ": "
                    + Problems.parse(r.body()).path("detail").asText("it expired or was removed"));
        }
        return Lease.of(check(r, "renew the lease on " + http.server()));
    }

    /** Ends lease {@code id} (also fine when it is already gone). */
    public void release(String id) throws IOException {
        retried(() -> http.send("DELETE", path + "/" + id, null, "release the lease on " + http.server()));
    }

    /** The live leases. */
    public List<Lease> list() throws IOException {
        return leases(retried(() -> http.send("GET", path, null, "list the leases on " + http.server())));
    }

    /** Removes every lease; returns those removed (needs a full token). */
    public List<Lease> removeAll() throws IOException {
        return leases(retried(() -> http.send("DELETE", path, null, "remove the leases on " + http.server())));
    }

    private JsonNode check(HttpResponse<byte[]> r, String what) throws IOException {
        if (r.statusCode() >= 300) {
            throw Problems.toException(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null), null,
                    what, http.server().serverAddress());
        }
        return Problems.parse(r.body());
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code call}, again after a transient failure (see the class comment) until the policy's attempts are used;
     * an answer with a status that is not transient is returned (raw) or thrown (send) at once.
     */
    private <T> T retried(Call<T> call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            IOException failure;
            try {
                T result = call.run();
                if (!(result instanceof HttpResponse<?> r && isTransient(r.statusCode()))
                        || attempt >= retry.maxAttempts()) {
                    return result;
                }
                failure = null;
            } catch (TransientBlobStoreException | ServerUnreachableException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw e;
                }
                failure = e;
            }
            try {
                sleeper.sleep(retry.delayAfter(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
                interrupted.initCause(failure);
                throw interrupted;
            }
        }
    }

    private static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500 && status != 501 && status != 507;
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
