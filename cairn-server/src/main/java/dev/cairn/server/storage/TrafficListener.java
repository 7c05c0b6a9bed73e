package dev.cairn.server.storage;

/**
 * Receives the bytes moved for each tenant (metering and metrics). Called on request threads, so implementations
 * must be thread-safe and fast (no I/O).
 */
public interface TrafficListener {
    /** Bytes received from the tenant and stored. */
    void ingress(Tenant tenant, long bytes);

    /** Bytes sent to the tenant. */
    void egress(Tenant tenant, long bytes);

    TrafficListener NONE = new TrafficListener() {
        @Override
        public void ingress(Tenant tenant, long bytes) {
        }

        @Override
        public void egress(Tenant tenant, long bytes) {
        }
    };
}
