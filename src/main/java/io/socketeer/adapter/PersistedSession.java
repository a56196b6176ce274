package io.socketeer.adapter;

import io.socketeer.parser.Packet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A disconnected socket kept for connection state recovery: found again by its private id
 * ({@code pid}) when the client comes back within {@code maxDisconnectionDuration}.
 *
 * @param sid           the socket id it had
 * @param pid           its private id
 * @param rooms         its rooms
 * @param data          its data
 * @param missedPackets the packets broadcast to it since (filled in on restore)
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Map<String, Object> data,
                               List<Packet> missedPackets) {
}
