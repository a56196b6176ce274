package io.socketeer.bench;

/** The two answers the raw floors ({@link RawPollingServlet}, {@link RawConnectEndpoint}) give a client. */
final class RawPackets {
    private RawPackets() {
    }

    /** The Engine.IO open packet for session {@code sid}, with the reference server's defaults. */
    static String open(String sid) {
        return "0{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}";
    }

    /** The Socket.IO CONNECT answer on the main namespace, for socket {@code id}. */
    static String connected(String id) {
        return "40{\"sid\":\"" + id + "\"}";
    }
}
