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
        "io.socketeer.api", "io.socketeer.api.impl", "io.socketeer.admin", "io.socketeer.cdi", "io.socketeer.container"};

    private Deployments() {
    }

    /**
     * The conformance deployment (its handlers and options: pingInterval 300 ms, pingTimeout 1000 ms,
     * maxHttpBufferSize 1e6, connectTimeout 1000 ms, CORS *, set as context parameters) plus
     * {@link TestHandlers}, plus the classes a test adds (its own handler beans).
     */
    public static WebArchive conformance(Class<?>... more) {
        return forContainer(library("socketeer-it.war")
                .addPackage("io.socketeer.conformance")
                .addClasses(TestHandlers.class, PerRequest.class)
                .addClasses(more)
                .setWebXML(new File("src/test/resources/conformance-web.xml")));
    }

    /**
     * A WAR with Socketeer's classes as an application has them (beans.xml, its servlet container
     * initializer and CDI extension), nothing else: no handlers, no web.xml.
     */
    public static WebArchive library(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addPackages(false, LIBRARY)
                .addAsResource(new File("src/main/resources/META-INF/beans.xml"), "META-INF/beans.xml")
                .addAsServiceProvider(ServletContainerInitializer.class, SocketeerInitializer.class)
                .addAsServiceProvider(Extension.class, SocketeerExtension.class);
    }

    /**
     * A WAR named {@code name} with Socketeer, these handler classes and these options as servlet
     * context parameters (option name without the {@code socketeer.} prefix -> value), for a test that
     * needs options of its own.
     */
    public static WebArchive withOptions(String name, java.util.Map<String, String> options, Class<?>... handlers) {
        StringBuilder webXml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        new java.util.TreeMap<>(options).forEach((k, v) -> webXml.append("  <context-param><param-name>socketeer.")
                .append(k).append("</param-name><param-value>").append(v).append("</param-value></context-param>\n"));
        webXml.append("</web-app>\n");
        return forContainer(library(name).addClasses(handlers)
                .setWebXML(new org.jboss.shrinkwrap.api.asset.StringAsset(webXml.toString())));
    }

    /**
     * Adds what the container under test lacks: the jars in the folder named by the system property
     * {@code socketeer.deploymentLibs} (set by a container profile, e.g. Weld and Yasson for Tomcat)
     * go to {@code WEB-INF/lib}. Containers with CDI and JSON-B (Payara, WildFly) need nothing.
     */
    public static WebArchive forContainer(WebArchive war) {
        String dir = System.getProperty("socketeer.deploymentLibs", "");
        if (!dir.isBlank()) {
            File[] jars = new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
            if (jars == null || jars.length == 0) {
                throw new IllegalStateException("socketeer.deploymentLibs names no folder of jars: " + dir);
            }
            for (File jar : jars) {
                war.addAsLibrary(jar);
            }
        }
        return war;
    }

    /**
     * Payara Micro's Arquillian container runs a Payara Micro process per deployment but keeps only
     * the last one: undeploying stops that one, and the others would run on, orphaned, after the
     * tests (their CPU and ports taken from the suites that follow). A test class with several
     * deployments calls this in {@code @AfterAll}: it stops every Payara Micro process this JVM
     * started whose command line names one of these deployment paths (e.g.
     * {@code "/deployments/cluster-"}), and waits until they are gone. Nothing on other containers.
     */
    public static void stopPayaraProcesses(String... deploymentPaths) {
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro")
                        && java.util.Arrays.stream(deploymentPaths).anyMatch(c::contains)).orElse(false))
                .forEach(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }
}
