package io.socketeer.api.impl;

import io.socketeer.adapter.Adapter;

/** What a broadcast operator sends through: a namespace's name, adapter and server. */
interface BroadcastTarget {
    String name();

    Adapter adapter();

    SocketIoServerImpl server();
}
