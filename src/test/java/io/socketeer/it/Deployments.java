package io.socketeer.it;

import io.socketeer.cdi.SocketeerExtension;
import io.socketeer.container.SocketeerInitializer;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.servlet.ServletContainerInitializer;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployments the in-container tests use. */
public final class Deployments {
    /** The packages of the library (everything but the demo). */
    static final String[] LIBRARY = {"io.socketeer.engineio", "io.socketeer.parser", "io.socketeer.adapter",
        "io.socketeer.api", "io.socketeer.api.impl", "io.socketeer.cdi", "io.socketeer.container"};

    private Deployments() {
    }

    /**
     * The conformance deployment (its handlers and options: pingInterval 300 ms, pingTimeout 200 ms,
     * maxHttpBufferSize 1e6, connectTimeout 1000 ms, CORS *, set as context parameters) plus
     * {@link TestHandlers}, plus the classes a test adds (its own handler beans).
     */
    public static WebArchive conformance(Class<?>... more) {
        return ShrinkWrap.create(WebArchive.class, "socketeer-it.war")
                .addPackages(false, LIBRARY)
                .addPackage("io.socketeer.conformance")
                .addClasses(TestHandlers.class, PerRequest.class)
                .addClasses(more)
                .addAsResource(new File("src/main/resources/META-INF/beans.xml"), "META-INF/beans.xml")
                .addAsServiceProvider(ServletContainerInitializer.class, SocketeerInitializer.class)
                .addAsServiceProvider(Extension.class, SocketeerExtension.class)
                .setWebXML(new File("src/test/resources/conformance-web.xml"));
    }
}
