package io.socketeer.it;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** A request-scoped bean: one instance per request context, told apart by its id. */
@RequestScoped
public class PerRequest {
    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
