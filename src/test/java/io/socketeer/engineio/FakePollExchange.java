package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A held long-polling GET: records the payload or the error it is answered with. */
public final class FakePollExchange implements PollExchange {
    private final CompletableFuture<String> payload = new CompletableFuture<>();
    private final CompletableFuture<EngineError> error = new CompletableFuture<>();
    private final CompletableFuture<byte[]> binaryPayload = new CompletableFuture<>();
    private final AtomicInteger answers = new AtomicInteger();

    @Override
    public void sendPayload(String p) {
        answers.incrementAndGet();
        payload.complete(p);
    }

    /** A binary payload (Engine.IO v3) completes the text payload with "<binary>" and is kept apart. */
    @Override
    public void sendBinaryPayload(byte[] p) {
        answers.incrementAndGet();
        binaryPayload.complete(p);
        payload.complete("<binary>");
    }

    /** The binary payload, or null if not answered with one. */
    public byte[] binaryPayloadNow() {
        return binaryPayload.getNow(null);
    }

    @Override
    public void sendError(EngineError e) {
        answers.incrementAndGet();
        error.complete(e);
    }

    /** Whether the exchange was answered at all. */
    public boolean answered() {
        return answers.get() > 0;
    }

    /** How many times it was answered (must never exceed one). */
    public int answerCount() {
        return answers.get();
    }

    /** The payload, or null if not (yet) answered with one. */
    public String payloadNow() {
        return payload.getNow(null);
    }

    /** The error, or null if not (yet) answered with one. */
    public EngineError errorNow() {
        return error.getNow(null);
    }

    /** Waits for a payload; fails the test when an error or nothing comes. */
    public String awaitPayload() {
        try {
            String p = CompletableFuture.anyOf(payload, error).thenApply(x -> payload.getNow(null))
                    .get(2, TimeUnit.SECONDS);
            if (p == null) {
                fail("expected a payload, got error " + error.getNow(null));
            }
            assertEquals(1, answers.get(), "answered more than once");
            return p;
        } catch (Exception e) {
            throw new AssertionError("no payload within 2 s", e);
        }
    }

    /** Waits for an error; fails the test when a payload or nothing comes. */
    public EngineError awaitError() {
        try {
            EngineError e = CompletableFuture.anyOf(payload, error).thenApply(x -> error.getNow(null))
                    .get(2, TimeUnit.SECONDS);
            if (e == null) {
                fail("expected an error, got payload " + payload.getNow(null));
            }
            return e;
        } catch (Exception ex) {
            throw new AssertionError("no error within 2 s", ex);
        }
    }
}
