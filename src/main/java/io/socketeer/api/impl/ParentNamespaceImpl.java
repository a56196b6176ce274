package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.ConnectionListener;
import io.socketeer.api.Namespace;
import io.socketeer.api.NamespaceMatcher;
import io.socketeer.api.NamespaceMiddleware;
import io.socketeer.api.ParentNamespace;
import io.socketeer.api.RemoteSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dynamic namespace: a name matcher, the middleware and connection listeners its children share,
 * and its children. Broadcasting on it broadcasts on every child.
 */
final class ParentNamespaceImpl implements ParentNamespace {
    private final String name;
    private final NamespaceMatcher matcher;
    private final Set<NamespaceImpl> children = ConcurrentHashMap.newKeySet();
    private final List<NamespaceMiddleware> middleware = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final ParentBroadcastOperator all;

    ParentNamespaceImpl(String name, NamespaceMatcher matcher) {
        this.name = name;
        this.matcher = matcher;
        this.all = new ParentBroadcastOperator(this, Set.of(), Set.of(), BroadcastFlags.NONE);
    }

    boolean matches(String namespace, Map<String, Object> auth) {
        return matcher.matches(namespace, auth);
    }

    void addChild(NamespaceImpl child) {
        children.add(child);
    }

    void removeChild(NamespaceImpl child) {
        children.remove(child);
    }

    Set<NamespaceImpl> childrenImpl() {
        return children;
    }

    List<NamespaceMiddleware> middleware() {
        return middleware;
    }

    List<ConnectionListener> connectionListeners() {
        return connectionListeners;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Namespace> children() {
        return Set.copyOf(children);
    }

    @Override
    public ParentNamespace use(NamespaceMiddleware m) {
        middleware.add(m);
        return this;
    }

    @Override
    public ParentNamespace onConnection(ConnectionListener listener) {
        connectionListeners.add(listener);
        return this;
    }

    // --- broadcasting: on every child

    @Override
    public BroadcastOperator to(String... rooms) {
        return all.to(rooms);
    }

    @Override
    public BroadcastOperator in(String... rooms) {
        return all.in(rooms);
    }

    @Override
    public BroadcastOperator to(Collection<String> rooms) {
        return all.to(rooms);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return all.except(rooms);
    }

    @Override
    public BroadcastOperator local() {
        return all.local();
    }

    @Override
    public BroadcastOperator volatile_() {
        return all.volatile_();
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return all.compress(compress);
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return all.timeout(timeout);
    }

    @Override
    public void emit(String event, Object... args) {
        all.emit(event, args);
    }

    @Override
    public CompletionStage<List<Arguments>> emitWithAck(String event, Object... args) {
        return all.emitWithAck(event, args);
    }

    @Override
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return all.fetchSockets();
    }

    @Override
    public void socketsJoin(String... rooms) {
        all.socketsJoin(rooms);
    }

    @Override
    public void socketsLeave(String... rooms) {
        all.socketsLeave(rooms);
    }

    @Override
    public void disconnectSockets(boolean close) {
        all.disconnectSockets(close);
    }

    @Override
    public String toString() {
        return "ParentNamespace[" + name + ", " + children.size() + " children]";
    }
}
