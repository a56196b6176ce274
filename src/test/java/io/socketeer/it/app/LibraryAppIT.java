package io.socketeer.it.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Socketeer added to an application of one's own with nothing but the dependency: the WAR holds
 * the library jar this build packaged ({@code target/socketeer-lib.jar}) in {@code WEB-INF/lib},
 * the application's classes and a {@code beans.xml}; no web.xml, no Socketeer class of its own.
 * Its handler bean (with its own service injected), JSON-B mapped arguments and a servlet emitting
 * through the injected server work with both official clients over both transports.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibraryAppIT {
    private static final String LIBRARY_JAR = "socketeer-lib.jar";

    @Deployment(testable = false)
    static WebArchive deployment() {
        File lib = new File("target/" + LIBRARY_JAR);
        if (!lib.isFile()) {
            throw new IllegalStateException("target/" + LIBRARY_JAR + " is missing: run through mvn verify, after package");
        }
        return Deployments.forContainer(ShrinkWrap.create(WebArchive.class, "greeter.war"))
                .addAsLibrary(lib, "socketeer.jar")
                .addClasses(Greeter.class, Greeting.class, GreeterSocket.class, ShoutServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    @Test
    void theWarHoldsSocketeerOnlyAsTheLibraryJar() {
        WebArchive war = deployment();
        List<String> classes = war.getContent().keySet().stream().map(ArchivePath::get)
                .filter(p -> p.endsWith(".class")).toList();
        assertTrue(classes.stream().allMatch(p -> p.startsWith("/WEB-INF/classes/io/socketeer/it/app/")), classes.toString());
        assertTrue(!war.contains("/WEB-INF/web.xml"));
    }

    @EveryClient
    void theApplicationsHandlerAnswersWithItsOwnBean(ClientSetup setup) {
        TestClient c = setup.connect(Endpoints.of(base), GreeterSocket.NSP);
        assertEquals(List.of(c.id()), c.next("welcome"));
        Map<?, ?> greeting = (Map<?, ?>) c.emitWithAck("greet", Map.of("name", "Ada", "number", 0)).get(0);
        assertEquals("Hello, Ada!", greeting.get("name"));
        assertTrue(((Number) greeting.get("number")).intValue() >= 1, greeting.toString());
    }

    @EveryClient
    void aServletOfTheApplicationEmitsThroughTheInjectedServer(ClientSetup setup) throws Exception {
        TestClient c = setup.connect(Endpoints.of(base), GreeterSocket.NSP);
        c.next("welcome");
        URI shout = URI.create(Endpoints.of(base).origin() + base.getPath() + "shout");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(shout)
                .POST(HttpRequest.BodyPublishers.ofString("hello everyone")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertEquals(List.of("hello everyone"), c.next("shout"));
    }
}
