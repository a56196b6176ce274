package io.socketeer.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Events between the servers of a cluster ({@code serverSideEmit} in the reference server). With the
 * in-memory adapter there is no other server: nothing is sent and an acknowledged emit completes at
 * once with no answers, as in the reference server.
 */
public interface ServerSideEmitter {
    /** Sends an event to the other servers of the cluster. */
    void serverSideEmit(String event, Object... args);

    /**
     * Sends an event to the other servers and collects one answer per server; fails with
     * {@link AckTimeoutException} (with the answers that came) when the timeout passes first.
     */
    CompletionStage<List<Arguments>> serverSideEmitWithAck(java.time.Duration timeout, String event, Object... args);
}
