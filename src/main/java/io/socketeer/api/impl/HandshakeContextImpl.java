package io.socketeer.api.impl;

import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Socket;

/** A pending CONNECT as namespace middleware sees it. */
final class HandshakeContextImpl implements HandshakeContext {
    private final SocketImpl socket;
    private volatile String message;
    private volatile Object data;

    HandshakeContextImpl(SocketImpl socket) {
        this.socket = socket;
    }

    @Override
    public Socket socket() {
        return socket;
    }

    @Override
    public String namespace() {
        return socket.namespace().name();
    }

    @Override
    public void reject(String reason) {
        reject(reason, null);
    }

    @Override
    public synchronized void reject(String reason, Object details) {
        if (message == null) {
            this.message = reason == null ? "" : reason;
            this.data = details;
        }
    }

    @Override
    public boolean rejected() {
        return message != null;
    }

    String message() {
        return message;
    }

    Object data() {
        return data;
    }
}
