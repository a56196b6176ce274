package io.socketeer.admin;

import io.socketeer.api.Handshake;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.Socket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sockets in the shape the dashboard reads (the reference's {@code serialize(socket, nsp)}):
 * {@code {id, clientId, transport, nsp, data, handshake: {address, headers, query, issued, secure,
 * time, url, xdomain}, rooms}}. {@code clientId} and {@code transport} come from
 * {@code data._admin}, which {@link AdminUi} sets on each socket (so that they travel with the data to
 * other nodes of a cluster, as in the reference); {@code data} is sent without it, the handshake
 * without {@code auth}.
 */
final class SocketSerializer {
    /** The key of the admin UI's own entry in a socket's data. */
    static final String ADMIN_KEY = "_admin";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SocketSerializer() {
    }

    /** A JavaScript {@code Date} as JSON writes it: {@code 2026-11-28T09:00:00.000Z}. */
    static String date(Instant at) {
        return ISO.format(at);
    }

    /** An ISO-8601 time as {@link #date} writes it (with milliseconds, always), else the value as it is. */
    static Object sameDate(Object time) {
        if (time instanceof String text) {
            try {
                return date(Instant.parse(text));
            } catch (java.time.format.DateTimeParseException e) {
                return text;
            }
        }
        return time;
    }

    /** A socket of this node. */
    static Map<String, Object> serialize(Socket socket, String nsp) {
        Handshake h = socket.handshake();
        Map<String, Object> handshake = new LinkedHashMap<>();
        handshake.put("address", address(h.headers(), h.address()));
        handshake.put("headers", h.headers());
        handshake.put("query", h.query());
        handshake.put("issued", h.time().toEpochMilli());
        handshake.put("secure", h.secure());
        handshake.put("time", date(h.time()));
        handshake.put("url", h.url());
        handshake.put("xdomain", h.xdomain());
        return socket(socket.id(), nsp, socket.data(), handshake, socket.rooms());
    }

    /** A socket as {@code fetchSockets()} describes it (of this node or of another). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> serialize(RemoteSocket socket, String nsp) {
        Map<String, Object> described = socket.handshake();
        Map<String, Object> handshake = new LinkedHashMap<>();
        Object headers = described.get("headers");
        handshake.put("address", address(headers instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of(),
                described.get("address")));
        handshake.put("headers", headers);
        handshake.put("query", described.get("query"));
        handshake.put("issued", described.get("issued"));
        handshake.put("secure", described.get("secure"));
        handshake.put("time", sameDate(described.get("time")));
        handshake.put("url", described.get("url"));
        handshake.put("xdomain", described.get("xdomain"));
        return socket(socket.id(), nsp, socket.data(), handshake, socket.rooms());
    }

    private static Map<String, Object> socket(String id, String nsp, Map<String, Object> data,
                                              Map<String, Object> handshake, java.util.Set<String> rooms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        if (data.get(ADMIN_KEY) instanceof Map<?, ?> admin) {
            if (admin.get("clientId") != null) {
                m.put("clientId", admin.get("clientId"));
            }
            if (admin.get("transport") != null) {
                m.put("transport", admin.get("transport"));
            }
        }
        m.put("nsp", nsp);
        m.put("data", withoutAdmin(data));
        m.put("handshake", handshake);
        m.put("rooms", new ArrayList<>(rooms));
        return m;
    }

    /** The socket's data without the admin UI's own entry ({@code serializeData}). */
    static Map<String, Object> withoutAdmin(Map<String, Object> data) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.remove(ADMIN_KEY);
        return copy;
    }

    /** {@code cf-connecting-ip}, else {@code x-forwarded-for}, else the peer's address. */
    private static Object address(Map<String, ?> headers, Object address) {
        Object cf = headers.get("cf-connecting-ip");
        if (cf != null) {
            return cf;
        }
        Object forwarded = headers.get("x-forwarded-for");
        return forwarded != null ? forwarded : address;
    }

    /** {@code [event, ...args]}, as the reference's {@code onAny} hands them over. */
    static List<Object> eventArgs(String event, List<Object> args) {
        List<Object> all = new ArrayList<>(args.size() + 1);
        all.add(event);
        all.addAll(args);
        return all;
    }
}
