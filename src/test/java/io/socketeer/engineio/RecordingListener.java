package io.socketeer.engineio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A session listener that records messages and the close reason. */
public final class RecordingListener implements SessionListener {
    public final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private volatile int closeCalls;

    @Override
    public void onMessage(EngineSession session, String text) {
        messages.add(text);
    }

    @Override
    public void onMessage(EngineSession session, byte[] data) {
        messages.add(data);
    }

    @Override
    public void onClose(EngineSession session, String reason) {
        closeCalls++;
        closeReason.complete(reason);
    }

    public String awaitClose() {
        try {
            return closeReason.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("session did not close within 2 s", e);
        }
    }

    public Object nextMessage() {
        try {
            Object m = messages.poll(2, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 2 s");
            }
            return m;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public int closeCalls() {
        return closeCalls;
    }
}
