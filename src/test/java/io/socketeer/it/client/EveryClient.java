package io.socketeer.it.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per official client and transport (node and java, each over WebSocket only and
 * over long-polling only); the test takes a {@link ClientSetup}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.socketeer.it.client.ClientSetup#all")
public @interface EveryClient {
}
