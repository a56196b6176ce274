package io.socketeer.it.tomcat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ContextName;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;

/**
 * Embedded Tomcat (10.1 or 11, whichever tomcat-embed jars are on the class path) as an Arquillian
 * container, for the tests that run as clients ({@code @Deployment(testable = false)}).
 *
 * <p>Why not {@code arquillian-tomcat-embedded-10}: its {@code bindAddress} only names the virtual
 * host, the connector listens on every interface, and its port is fixed. This one listens on
 * {@code bindAddress} (127.0.0.1) and a free port, and deploys each WAR unpacked, as Tomcat's own
 * deployer does, with Tomcat's defaults (the default servlet, MIME types, welcome files; no JSP)
 * and a parent class loader that shows the WAR nothing but the JDK and the Tomcat jars.
 */
public class EmbeddedTomcat implements DeployableContainer<EmbeddedTomcatConfiguration> {
    private EmbeddedTomcatConfiguration configuration;
    private Tomcat tomcat;
    private Path baseDir;
    private File appBase;
    private int port;
    private ClassLoader containerOnly;

    @Override
    public Class<EmbeddedTomcatConfiguration> getConfigurationClass() {
        return EmbeddedTomcatConfiguration.class;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local"); // every test runs as a client
    }

    @Override
    public void setup(EmbeddedTomcatConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws org.jboss.arquillian.container.spi.client.container.LifecycleException {
        try {
            baseDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tomcat-");
            appBase = baseDir.resolve("webapps").toFile();
            Files.createDirectories(appBase.toPath());
            containerOnly = new ContainerOnlyClassLoader(Tomcat.class.getClassLoader(), Tomcat.class,
                    org.apache.tomcat.websocket.server.WsSci.class, jakarta.el.ExpressionFactory.class,
                    jakarta.annotation.PostConstruct.class);
            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setPort(configuration.getHttpPort());
            Connector connector = tomcat.getConnector();
            connector.setProperty("address", configuration.getBindAddress());
            Host host = tomcat.getHost();
            host.setAppBase(appBase.getAbsolutePath());
            host.setAutoDeploy(false);
            host.setDeployOnStartup(false);
            host.setParentClassLoader(containerOnly);
            tomcat.start();
            port = connector.getLocalPort();
            if (port <= 0) {
                throw new IllegalStateException("Tomcat's connector did not start on " + configuration.getBindAddress()
                        + ":" + configuration.getHttpPort());
            }
        } catch (IOException | LifecycleException | RuntimeException e) {
            throw new org.jboss.arquillian.container.spi.client.container.LifecycleException(
                    "embedded Tomcat did not start", e);
        }
    }

    @Override
    public void stop() throws org.jboss.arquillian.container.spi.client.container.LifecycleException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new org.jboss.arquillian.container.spi.client.container.LifecycleException("embedded Tomcat did not stop", e);
        } finally {
            delete(baseDir);
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        ContextName name = new ContextName(archive.getName(), true);
        File docBase = new File(appBase, name.getBaseName());
        delete(docBase.toPath());
        archive.as(ExplodedExporter.class).exportExploded(appBase, name.getBaseName());

        StandardContext context = new StandardContext();
        context.setName(name.getName());
        context.setPath(name.getPath());
        context.setDocBase(docBase.getAbsolutePath());
        context.setParentClassLoader(containerOnly);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false); // WEB-INF/lib only: the test class path is not the container's
        context.setJarScanner(scanner);
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml);
        context.addLifecycleListener(config);
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                webappDefaults(context);
            }
        });
        tomcat.getHost().addChild(context); // starts it
        if (!context.getState().isAvailable()) {
            undeploy(archive);
            throw new DeploymentException(archive.getName() + " did not start on Tomcat: see its log above");
        }
        HTTPContext http = new HTTPContext(configuration.getBindAddress(), port);
        http.add(new Servlet("default", name.getPath()));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        ContextName name = new ContextName(archive.getName(), true);
        Host host = tomcat.getHost();
        Context context = (Context) host.findChild(name.getName());
        if (context != null) {
            host.removeChild(context); // stops and destroys it
        }
        delete(new File(appBase, name.getBaseName()).toPath());
    }

    /** What Tomcat's conf/web.xml gives every application, but JSP: the default servlet, MIME types, welcome files. */
    private static void webappDefaults(Context context) {
        Wrapper servlet = context.createWrapper();
        servlet.setName("default");
        servlet.setServletClass("org.apache.catalina.servlets.DefaultServlet");
        servlet.addInitParameter("debug", "0");
        servlet.addInitParameter("listings", "false");
        servlet.setLoadOnStartup(1);
        servlet.setOverridable(true);
        context.addChild(servlet);
        context.addServletMappingDecoded("/", "default");
        context.setSessionTimeout(30);
        Tomcat.addDefaultMimeTypeMappings(context);
        context.addWelcomeFile("index.html");
        context.addWelcomeFile("index.htm");
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
