package io.socketeer.adapter;

import java.util.Map;
import java.util.Set;

/**
 * What fetchSockets returns for a socket, local or on another node: the shape the reference
 * server's adapters exchange.
 *
 * @param id        the socket id
 * @param handshake the handshake as the reference server describes it ({@code headers}, {@code time},
 *                  {@code address}, {@code xdomain}, {@code secure}, {@code issued}, {@code url},
 *                  {@code query}, {@code auth})
 * @param rooms     the rooms it is in
 * @param data      its data
 */
public record SocketDetails(String id, Map<String, Object> handshake, Set<String> rooms, Map<String, Object> data) {
}
