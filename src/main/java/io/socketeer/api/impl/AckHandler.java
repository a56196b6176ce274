package io.socketeer.api.impl;

import java.util.List;

/** Waits for one acknowledgement on a socket. */
interface AckHandler {
    /** The client answered with these arguments. */
    void answered(List<Object> args);

    /** The socket disconnected before answering. */
    default void abandoned() {
    }
}
