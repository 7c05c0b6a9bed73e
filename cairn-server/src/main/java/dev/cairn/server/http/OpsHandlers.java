package dev.cairn.server.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process answers), {@code /readyz} (database and store reachable, not draining), {@code /metrics}. */
final class OpsHandlers {
    private final BooleanSupplier ready;
    private final PrometheusMeterRegistry registry;

    OpsHandlers(BooleanSupplier ready, PrometheusMeterRegistry registry) {
        this.ready = ready;
        this.registry = registry;
    }

    void health(Context ctx) {
        ctx.contentType("text/plain").result("ok\n");
    }

    void ready(Context ctx) {
        boolean ok = ready.getAsBoolean();
        ctx.status(ok ? 200 : 503).contentType("text/plain").result(ok ? "ready\n" : "not ready\n");
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
