package io.socketeer.adapter;

/** Creates the adapter of each namespace; chosen by configuration. */
@FunctionalInterface
public interface AdapterFactory {
    Adapter create(AdapterHost namespace);

    /** The default: rooms in memory, this node only. */
    AdapterFactory IN_MEMORY = InMemoryAdapter::new;
}
