package dev.cairn.server.ops;

import dev.cairn.server.quota.UsageMeter;
import dev.cairn.server.storage.Tenant;
import dev.cairn.server.storage.TrafficListener;
import io.micrometer.core.instrument.MeterRegistry;

/** Feeds tenant traffic to the daily metering and to the Prometheus counters {@code cairn_tenant_bytes_in/out_total}. */
public final class TrafficMetrics implements TrafficListener {
    private final UsageMeter meter;
    private final MeterRegistry registry;

    public TrafficMetrics(UsageMeter meter, MeterRegistry registry) {
        this.meter = meter;
        this.registry = registry;
    }

    @Override
    public void ingress(Tenant tenant, long bytes) {
        meter.ingress(tenant.accountId(), bytes);
        registry.counter("cairn.tenant.bytes.in", "tenant", tenant.name()).increment(bytes);
    }

    @Override
    public void egress(Tenant tenant, long bytes) {
        meter.egress(tenant.accountId(), bytes);
        registry.counter("cairn.tenant.bytes.out", "tenant", tenant.name()).increment(bytes);
    }
}
