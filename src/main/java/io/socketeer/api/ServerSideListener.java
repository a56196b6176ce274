package io.socketeer.api;

/** Receives events other servers of the cluster sent with {@code serverSideEmit}. */
@FunctionalInterface
public interface ServerSideListener {
    void onEvent(ServerSideEvent event);
}
