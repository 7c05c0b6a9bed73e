package dev.cairn.agent.daemon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST {server}/api/v1/runs} with the report as JSON and the token as a bearer credential. The HTTP client is made
 * at the first report, not with the daemon: a daemon whose sets report nowhere never loads the JDK's TLS stack (about 450
 * classes, the CA certificates and a selector thread: a few MiB of an idle daemon's memory, docs/daemon.md "Memory").
 */
public final class HttpReportSender implements Outbox.ReportSender {
    private HttpClient http;

    @Override
    public int send(URI server, String token, byte[] json) throws IOException, InterruptedException {
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/runs")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        return client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }
}
