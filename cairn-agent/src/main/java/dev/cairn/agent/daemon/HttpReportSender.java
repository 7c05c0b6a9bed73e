package dev.cairn.agent.daemon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST {server}/api/v1/runs} with the report as JSON and the token as a bearer credential. */
public final class HttpReportSender implements Outbox.ReportSender {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public int send(URI server, String token, byte[] json) throws IOException, InterruptedException {
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/runs")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
