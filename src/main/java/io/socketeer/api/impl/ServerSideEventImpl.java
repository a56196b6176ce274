package io.socketeer.api.impl;

import io.socketeer.api.Arguments;
import io.socketeer.api.Namespace;
import io.socketeer.api.ServerSideEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A server-side event from another node; {@code answer} is null when no answer was asked for. */
final class ServerSideEventImpl implements ServerSideEvent {
    private final Namespace namespace;
    private final String event;
    private final Arguments args;
    private final Consumer<Object> answer;
    private final AtomicBoolean answered = new AtomicBoolean();

    ServerSideEventImpl(Namespace namespace, String event, Arguments args, Consumer<Object> answer) {
        this.namespace = namespace;
        this.event = event;
        this.args = args;
        this.answer = answer;
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public Arguments args() {
        return args;
    }

    @Override
    public boolean hasAck() {
        return answer != null;
    }

    @Override
    public void ack(Object value) {
        if (answer != null && answered.compareAndSet(false, true)) {
            answer.accept(value);
        }
    }

    @Override
    public String toString() {
        return "ServerSideEvent[" + namespace.name() + " " + event + "]";
    }
}
