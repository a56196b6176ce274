package io.socketeer.api;

import java.util.concurrent.CompletionStage;

/**
 * Something events can be emitted through: a socket, or a socket with flags such as
 * {@code socket.timeout(Duration.ofSeconds(5))}.
 */
public interface Emitter {
    /**
     * Emits an event. Arguments are any JSON value, Java objects (mapped with JSON-B) and binary
     * ({@code byte[]}, {@code ByteBuffer}) anywhere in them.
     *
     * <pre>{@code socket.emit("welcome", "hello", Map.of("n", 1));}</pre>
     *
     * @throws IllegalArgumentException for a reserved event name ({@code connect}, {@code disconnect}, ...)
     */
    void emit(String event, Object... args);

    /**
     * Emits an event and asks the client to acknowledge it. The stage completes with the client's
     * answer, or fails with {@link AckTimeoutException} when a timeout was set and passes, or when the
     * socket disconnects first.
     *
     * <pre>{@code
     * socket.timeout(Duration.ofSeconds(2)).emitWithAck("question", 42)
     *       .thenAccept(answer -> log.info(answer.get(0, String.class)));
     * }</pre>
     */
    CompletionStage<Arguments> emitWithAck(String event, Object... args);
}
