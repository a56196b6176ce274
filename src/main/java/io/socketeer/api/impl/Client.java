package io.socketeer.api.impl;

import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Instrumentation;
import io.socketeer.engineio.EnginePacket;
import io.socketeer.engineio.EngineRequest;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.SessionListener;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketDecoder;
import io.socketeer.parser.PacketParseException;
import io.socketeer.parser.PacketType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Engine.IO session seen from Socket.IO: decodes its messages into packets and hands them to
 * the socket of each namespace it joined (client.ts in the reference server). A connection that
 * joins no namespace within connectTimeout, or sends an invalid packet, is closed.
 */
final class Client implements SessionListener {
    private static final Logger LOG = Logger.getLogger(Client.class.getName());

    private final SocketIoServerImpl server;
    private final EngineSession conn;
    private final PacketDecoder decoder;
    /** Sized for the one namespace most clients join (a table of 16 is made on first use otherwise). */
    private final Map<String, SocketImpl> nsps = new ConcurrentHashMap<>(1);
    private volatile ScheduledFuture<?> connectTimer;
    private volatile boolean closed;
    /** The server's instrumentation when this connection opened, or null (then nothing is counted). */
    private final Instrumentation instrumentation;

    Client(SocketIoServerImpl server, EngineSession conn) {
        this.instrumentation = server.instrumentation();
        this.server = server;
        this.conn = conn;
        this.decoder = new PacketDecoder(server.options().maxAttachments());
        if (conn.protocol() != 3) {
            this.connectTimer = server.scheduler().schedule(() -> {
                if (nsps.isEmpty()) {
                    LOG.log(Level.FINE, "session {0}: no namespace joined within connectTimeout", conn.id());
                    close();
                }
            }, server.options().connectTimeout(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The session is set up. A Socket.IO v2 client (Engine.IO v3) is connected to the main namespace
     * at once, without a CONNECT of its own, as the reference server does for it.
     */
    void start() {
        if (conn.protocol() == 3) {
            connect("/", Map.of());
        }
    }

    /** The client's Engine.IO protocol revision: 4, or 3 for a Socket.IO v2 client. */
    int protocol() {
        return conn.protocol();
    }

    /** The Engine.IO session id ({@code socket.client.id} / {@code conn.id} in the reference server). */
    String sid() {
        return conn.id();
    }

    EngineRequest request() {
        return conn.request();
    }

    String transport() {
        return conn.transportName();
    }

    boolean isOpen() {
        return !closed;
    }

    // --- from the engine ---

    @Override
    public void onMessage(EngineSession session, String text) {
        if (instrumentation != null) {
            instrumentation.packetReceived(utf8Length(text));
        }
        Packet packet;
        try {
            packet = decoder.add(text);
        } catch (PacketParseException | IllegalArgumentException e) {
            onParseError(e);
            return;
        }
        if (packet != null) {
            onDecoded(packet);
        }
    }

    @Override
    public void onMessage(EngineSession session, byte[] data) {
        if (instrumentation != null) {
            instrumentation.packetReceived(data.length);
        }
        Packet packet;
        try {
            packet = decoder.add(data);
        } catch (PacketParseException e) {
            onParseError(e);
            return;
        }
        if (packet != null) {
            onDecoded(packet);
        }
    }

    @Override
    public void onClose(EngineSession session, String reason) {
        onClose(DisconnectReason.of(reason));
        if (instrumentation != null) {
            instrumentation.connectionClosed(session.id(), reason);
        }
    }

    @Override
    public void onUpgrade(EngineSession session, String transport) {
        if (instrumentation != null) {
            instrumentation.connectionUpgraded(session.id(), transport);
            for (SocketImpl s : List.copyOf(nsps.values())) {
                instrumentation.socketUpgraded(s, transport);
            }
        }
    }

    /** The bytes of a text message in UTF-8 (what the reference server counts), without encoding it. */
    static int utf8Length(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private void onParseError(RuntimeException e) {
        LOG.log(Level.FINE, "session {0}: invalid packet: {1}", new Object[] {conn.id(), e.getMessage()});
        conn.close();
    }

    @SuppressWarnings("unchecked")
    private void onDecoded(Packet packet) {
        if (packet.type() == PacketType.CONNECT && conn.protocol() == 3) {
            connectV2(packet.nsp());
            return;
        }
        SocketImpl socket = nsps.get(packet.nsp());
        if (socket == null && packet.type() == PacketType.CONNECT) {
            Map<String, Object> auth = packet.data() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            connect(packet.nsp(), auth);
        } else if (socket != null && packet.type() != PacketType.CONNECT
                && packet.type() != PacketType.CONNECT_ERROR) {
            try {
                socket.onPacket(packet);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session " + conn.id() + ": handling " + packet.type() + " failed", e);
            }
        } else {
            LOG.log(Level.FINE, "session {0}: invalid state for {1} on {2}",
                    new Object[] {conn.id(), packet.type(), packet.nsp()});
            close();
        }
    }

    /**
     * A Socket.IO v2 CONNECT: its namespace may carry a query ({@code /chat?token=abc}), which is
     * the socket's auth payload, as in the reference server. A namespace already joined (the main
     * one, joined at once) is not joined twice.
     */
    private void connectV2(String nspWithQuery) {
        int q = nspWithQuery.indexOf('?');
        String name = q < 0 ? nspWithQuery : nspWithQuery.substring(0, q);
        if (nsps.containsKey(name)) {
            LOG.log(Level.FINE, "session {0}: {1} is joined already", new Object[] {conn.id(), name});
            return;
        }
        connect(name, q < 0 ? Map.of() : queryOf(nspWithQuery.substring(q + 1)));
    }

    /** {@code a=1&b=x%20y} as a map of strings; a key without {@code =} has the value "". */
    static Map<String, Object> queryOf(String query) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.put(java.net.URLDecoder.decode(k, java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                m.put(k, v); // a broken escape: kept as it came
            }
        }
        return m;
    }

    private void connect(String name, Map<String, Object> auth) {
        for (int attempt = 0; attempt < 3; attempt++) {
            NamespaceImpl nsp = server.namespaceFor(name, auth);
            if (nsp == null) {
                break;
            }
            if (nsp.add(this, auth)) {
                return;
            }
            // an empty child namespace was removed while this socket joined it: look the name up again
        }
        write(server.encoder().encode(Packet.connectError(name, Map.of("message", "Invalid namespace"))), false);
    }

    // --- from sockets ---

    void added(String nsp, SocketImpl socket) {
        nsps.put(nsp, socket);
        ScheduledFuture<?> t = connectTimer;
        if (t != null) {
            t.cancel(false);
            connectTimer = null;
        }
    }

    void remove(SocketImpl socket) {
        nsps.remove(socket.namespace().name(), socket);
    }

    /** Writes the frames of one packet; a volatile packet is dropped when the transport is busy. */
    void write(List<EnginePacket> frames, boolean volatile_) {
        if (closed || (volatile_ && !conn.isWritable())) {
            return;
        }
        if (instrumentation != null) {
            for (EnginePacket frame : frames) {
                instrumentation.packetSent(frame.isBinary() ? frame.binary().length : utf8Length(frame.wireText()) - 1);
            }
        }
        if (frames.size() == 1) {
            conn.send(frames.get(0));
        } else {
            conn.sendAll(frames);
        }
    }

    /** {@code socket.disconnect(true)}: every socket leaves with a DISCONNECT, then the connection closes. */
    void disconnectAll() {
        for (SocketImpl s : List.copyOf(nsps.values())) {
            s.disconnect(false);
        }
        close();
    }

    /** Closes the connection (its sockets see the engine's close reason). */
    void close() {
        conn.close();
    }

    /** The server is shutting down: sockets leave with that reason, then the connection closes. */
    void shutdown() {
        onClose(DisconnectReason.SERVER_SHUTTING_DOWN);
        conn.close();
    }

    private void onClose(DisconnectReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ScheduledFuture<?> t = connectTimer;
        if (t != null) {
            t.cancel(false);
            connectTimer = null;
        }
        for (SocketImpl s : List.copyOf(nsps.values())) {
            s.onClose(reason);
        }
        nsps.clear();
        server.removeClient(this);
    }
}
