package io.socketeer.it.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Socket.IO client socket as the feature tests drive it, whichever official client is behind it.
 * Values are JSON-like Java values ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}) and {@code byte[]} for binary, anywhere in the arguments; numbers
 * come back as {@code Integer} when they fit, else {@code Long} or {@code Double}.
 *
 * <p>Every received event is kept in a queue per event name (from the moment the socket is created,
 * so nothing that arrives right after the connection is missed) until the test reads it. Blocking
 * calls wait at most {@link #TIMEOUT} and fail with an {@link AssertionError} that says what did not
 * come.
 *
 * <pre>{@code
 * TestClient a = setup.connect(endpoints, "/rooms");
 * a.answerAcks("question", "yes");
 * assertEquals(List.of("joined"), a.emitWithAck("join", "r1"));
 * assertEquals(List.of("hello"), a.next("greeting"));
 * a.assertNothing("greeting");            // after a round trip: nothing more came
 * }</pre>
 */
public interface TestClient extends AutoCloseable {
    /** The longest a blocking call waits. */
    Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long connecting may take: longer than {@link #TIMEOUT}, as a freshly started container on a
     * loaded 2-core machine (two Payara Micro processes of a cluster test) took over 5 s to answer a
     * first connection in a CI run; a liveness bound, not a speed check.
     */
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    ClientKind kind();

    /** {@code websocket} or {@code polling}. */
    String transport();

    /** The namespace, e.g. {@code /rooms}. */
    String namespace();

    /** The socket id the server gave at CONNECT (kept after a disconnect). */
    String id();

    /** Whether the socket is connected now. */
    boolean connected();

    /**
     * Another namespace over the same connection (same Manager), connected.
     *
     * @throws ConnectError when the server refuses it
     */
    TestClient socket(String nsp, Map<String, String> auth);

    /** Emits an event without acknowledgement. */
    void emit(String event, Object... args);

    /** Emits an event with an acknowledgement callback and returns the answer's arguments. */
    List<Object> emitWithAck(String event, Object... args);

    /** Answers the server's acknowledgements for {@code event} with these arguments from now on. */
    default void answerAcks(String event, Object... answer) {
        answerAcksAfter(event, Duration.ZERO, answer);
    }

    /** Answers the server's acknowledgements for {@code event} with these arguments after a delay. */
    void answerAcksAfter(String event, Duration delay, Object... answer);

    /** Leaves the server's acknowledgements for {@code event} unanswered (the default). */
    void ignoreAcks(String event);

    /** The oldest unread {@code event}, waiting up to {@code wait}; empty when none came. */
    Optional<Received> poll(String event, Duration wait);

    /** Every unread {@code event}, oldest first, without waiting. */
    List<Received> drain(String event);

    /** The arguments of the oldest unread {@code event}, waiting up to {@link #TIMEOUT}. */
    default List<Object> next(String event) {
        return nextReceived(event).args();
    }

    /** The oldest unread {@code event}, waiting up to {@link #TIMEOUT}. */
    default Received nextReceived(String event) {
        return poll(event, TIMEOUT).orElseThrow(() -> new AssertionError(this + ": no \"" + event + "\" within "
                + TIMEOUT.toMillis() + " ms (connected: " + connected() + ")"));
    }

    /**
     * A round trip through the server ({@code sync}, which every feature namespace acknowledges):
     * whatever the server sent this socket before it handled the round trip has arrived.
     */
    default void sync() {
        emitWithAck("sync");
    }

    /** After a {@link #sync()}: fails if any {@code event} is unread. */
    default void assertNothing(String event) {
        sync();
        List<Received> got = drain(event);
        if (!got.isEmpty()) {
            throw new AssertionError(this + " received \"" + event + "\" " + got.size() + " time(s): "
                    + got.stream().map(r -> Values.describe(r.args())).toList());
        }
    }

    /** Waits {@code period}; fails if {@code event} arrived meanwhile (or was unread before). */
    default void assertNothingFor(String event, Duration period) {
        Optional<Received> got = poll(event, period);
        if (got.isPresent()) {
            throw new AssertionError(this + " received \"" + event + "\": " + Values.describe(got.get().args()));
        }
    }

    /** The reason of this socket's disconnect ({@code io server disconnect}, ...), waiting up to {@link #TIMEOUT}. */
    String disconnectReason();

    /**
     * The reason the connection under this socket closed (the Manager's {@code close} event), waiting up
     * to {@link #TIMEOUT}.
     */
    String connectionCloseReason();

    /** Whether the connection under this socket has closed (no waiting). */
    boolean connectionClosed();

    /** Acknowledgement packets (ACK, BINARY_ACK) this socket has received so far. */
    int ackPacketsReceived();

    /** {@code socket.disconnect()}: leaves the namespace (the connection closes with its last socket). */
    void disconnect();

    /** Closes the Engine.IO connection under the socket without a Socket.IO DISCONNECT. */
    void dropConnection();

    /** Sends an Engine.IO message with this text over the socket's connection (e.g. an invalid packet). */
    void sendRaw(String text);

    /**
     * Blocks the client's event loop for {@code period} and returns when it is over: no packet is
     * handled and no ping answered meanwhile, for every socket of this kind of client (they share the
     * loop: the Node.js agent process, the Java client's event thread).
     */
    void freeze(Duration period);

    /** Closes the connection (every socket over it); never fails. */
    @Override
    void close();
}
