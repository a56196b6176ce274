package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.ConnectionListener;
import io.socketeer.api.Namespace;
import io.socketeer.api.NamespaceMatcher;
import io.socketeer.api.NamespaceMiddleware;
import io.socketeer.api.ParentNamespace;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dynamic namespace: a name matcher, the middleware and connection listeners its children share,
 * and its children. Broadcasting on it broadcasts on every child.
 */
final class ParentNamespaceImpl implements ParentNamespace, DelegatingBroadcastOperator {
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

    @Override
    public BroadcastOperator all() {
        return all;
    }

    @Override
    public String toString() {
        return "ParentNamespace[" + name + ", " + children.size() + " children]";
    }
}
