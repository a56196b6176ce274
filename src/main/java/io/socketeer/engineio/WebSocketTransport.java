package io.socketeer.engineio;

import java.util.ArrayDeque;
import java.util.List;

/**
 * WebSocket: one Engine.IO packet per frame, binary messages as binary frames. Frames queue here
 * and go out one asynchronous send at a time (JSR-356 allows only one in flight); the queue is
 * drained by whichever thread finds it idle, without recursion when a send completes inline. Each
 * send tells the connection whether more frames wait behind it, so a connection that can batch
 * writes a burst (a broadcast storm, a polling client's backlog after an upgrade) together.
 *
 * <p>The container's endpoint feeds incoming frames with {@link #onText}, {@link #onBinary} and
 * reports the end of the connection with {@link #onClosed} or {@link #onError}.
 */
public final class WebSocketTransport extends Transport {
    /** Close code for a normal close. */
    public static final int NORMAL_CLOSURE = 1000;

    private final WebSocketConnection connection;
    private final ArrayDeque<EnginePacket> queue = new ArrayDeque<>();
    private final Runnable pump = this::pump;
    private boolean inFlight;
    private Thread pumpThread;
    private boolean closeWhenDrained;
    /** The batch whose dispatch sent this transport a frame ({@link SendBatch}), or null. */
    private SendBatch batch;
    /** The first frame of the batch's round went out: later ones wait for the batch's release. */
    private boolean holding;
    private boolean closed;
    /** Bytes queued or being written ({@link EnginePacket#bufferedSize}), and those of the frame in flight. */
    private long bufferedBytes;
    private int inFlightSize;

    WebSocketTransport(EngineSession session, WebSocketConnection connection) {
        super(session);
        this.connection = connection;
    }

    @Override
    String name() {
        return EngineOptions.WEBSOCKET;
    }

    @Override
    boolean isWritable() {
        synchronized (queue) {
            return !inFlight && queue.isEmpty() && !closed;
        }
    }

    @Override
    boolean canSend() {
        return true;
    }

    @Override
    Runnable send(List<EnginePacket> packets) {
        synchronized (queue) {
            if (closed || closeWhenDrained) {
                return null;
            }
            queue.addAll(packets);
            bufferedBytes += EnginePacket.bufferedSize(packets);
            SendBatch b = SendBatch.current();
            if (b != null) {
                if (batch == null) {
                    batch = b; // this frame goes at once
                    b.add(this);
                } else if (!holding) {
                    holding = true;
                    batch.holding();
                }
            }
            if (holding) {
                return null;
            }
        }
        return pump;
    }

    @Override
    Runnable close(boolean graceful, boolean byClient) {
        boolean writing;
        synchronized (queue) {
            if (closed) {
                return null;
            }
            if (graceful && (inFlight || !queue.isEmpty())) {
                closeWhenDrained = true;
                return pump;
            }
            if (closeWhenDrained && !graceful) {
                return null; // a graceful close is already draining
            }
            closed = true;
            writing = inFlight;
            clearQueue();
        }
        if (writing) {
            // a write is in flight, perhaps to a client that does not read: the close may wait for it
            return () -> session.server().closeOffThread(() -> connection.close(NORMAL_CLOSURE, ""));
        }
        return () -> connection.close(NORMAL_CLOSURE, "");
    }

    private void pump() {
        synchronized (queue) {
            if (pumpThread != null) {
                return;
            }
            pumpThread = Thread.currentThread();
        }
        while (true) {
            EnginePacket next;
            boolean more = false;
            boolean closeNow = false;
            synchronized (queue) {
                if (inFlight || closed || queue.isEmpty() || holding) {
                    if (!inFlight && !closed && queue.isEmpty() && closeWhenDrained) {
                        closed = true;
                        closeNow = true;
                    }
                    pumpThread = null;
                    next = null;
                } else {
                    next = queue.poll();
                    inFlightSize = next.bufferedSize();
                    more = !queue.isEmpty();
                    inFlight = true;
                }
            }
            if (next == null) {
                if (closeNow) {
                    connection.close(NORMAL_CLOSURE, "");
                }
                return;
            }
            try {
                if (next.isBinary()) {
                    connection.sendBinary(session.protocol() == 3 ? next.binaryFrameV3() : next.binary(), more, this::sent);
                } else {
                    connection.sendText(next.wireText(), more, this::sent);
                }
            } catch (RuntimeException e) {
                sent(e);
            }
        }
    }

    /** The batch ends (or its round): the frames held for it go out together. */
    void release(SendBatch b) {
        synchronized (queue) {
            if (batch != b) {
                return;
            }
            batch = null;
            holding = false;
        }
        pump();
    }

    private void sent(Throwable failure) {
        synchronized (queue) {
            inFlight = false;
            bufferedBytes = Math.max(0, bufferedBytes - inFlightSize);
            inFlightSize = 0;
            if (failure != null) {
                closed = true;
                clearQueue();
            }
        }
        if (failure != null) {
            session.onTransportError(this, "write failed: " + failure);
            return;
        }
        pump();
    }

    /** A text frame arrived. */
    public void onText(String frame) {
        receive(frame);
    }

    /** A binary frame arrived: a binary message. */
    public void onBinary(byte[] frame) {
        receive(frame);
    }

    /** The WebSocket closed (by the client, the network or the container). */
    public void onClosed() {
        synchronized (queue) {
            closed = true;
            clearQueue();
        }
        session.onTransportClosedByClient(this);
    }

    /** The WebSocket failed. */
    public void onError(Throwable error) {
        synchronized (queue) {
            closed = true;
            clearQueue();
        }
        session.onTransportError(this, String.valueOf(error));
    }

    /** The session this transport belongs to. */
    public EngineSession session() {
        return session;
    }

    /** Under the queue lock: drops what waits (closed). */
    private void clearQueue() {
        queue.clear();
        bufferedBytes = 0;
        inFlightSize = 0;
    }

    @Override
    long bufferedBytes() {
        synchronized (queue) {
            return bufferedBytes;
        }
    }

    /** Frames waiting to be written (for limits and metrics). */
    public int queuedFrames() {
        synchronized (queue) {
            return queue.size() + (inFlight ? 1 : 0);
        }
    }
}
