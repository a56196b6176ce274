package io.socketeer.it.client;

import java.util.List;

/**
 * An event a client received.
 *
 * @param args         its arguments (JSON-like values, {@code byte[]} for binary)
 * @param ackRequested whether the server asked for an acknowledgement
 */
public record Received(List<Object> args, boolean ackRequested) {
}
