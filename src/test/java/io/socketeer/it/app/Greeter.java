package io.socketeer.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's own service bean, injected into its handler. */
@ApplicationScoped
public class Greeter {
    private final AtomicInteger count = new AtomicInteger();

    public Greeting greet(Greeting from) {
        return new Greeting("Hello, " + from.getName() + "!", count.incrementAndGet());
    }
}
