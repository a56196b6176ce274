package io.socketeer.adapter;

/** Creates the adapter of each namespace; chosen by configuration. */
@FunctionalInterface
public interface AdapterFactory {
    Adapter create(AdapterHost namespace);

    /**
     * Why the adapters cannot reach the other nodes right now (for health checks: a Redis that is
     * down), or null when they can or there are none.
     */
    default String unavailable() {
        return null;
    }

    /** The default: rooms in memory, this node only. */
    AdapterFactory IN_MEMORY = InMemoryAdapter::new;
}
