package io.socketeer.it.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.NodeClients;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Socket.IO Admin UI (npm {@code @socket.io/admin-ui} 0.5.1) against Socketeer in the container,
 * driven with the dashboard's own client-side protocol ({@code src/test/node/admin-ui.js}: the
 * official {@code socket.io-client} 4.8.1 opened as the dashboard opens it) while ordinary clients
 * connect, join rooms, emit, upgrade and leave: a wrong password refused with the exact
 * CONNECT_ERROR, the bcrypt password and then the session id accepted, config, all_sockets,
 * server_stats with the right counts, every development-mode event, and the join, leave, emit and
 * _disconnect actions acting on the clients; a second deployment without authentication, read-only,
 * on another namespace, refuses the actions. Then the dashboard's page itself, served from the WAR,
 * in headless Chromium: it logs in and lists the sockets and rooms, loading nothing from elsewhere;
 * and in the packaged demo WAR, opened as README.md tells (no password, namespace {@code /admin-ui}
 * beside the demo's own {@code /admin}), with two chat users.
 * The script's checks are printed to
 * {@code target/failsafe-reports/io.socketeer.it.admin.AdminUiIT-output.txt}; the screenshot lands
 * in {@code target/admin-ui.png}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminUiIT {
    /** The dashboard's password, and its hash made with bcryptjs (cost 6). */
    static final String PASSWORD = "admin-pass";
    static final String HASH = "$2a$06$Q2hhbmdlIHRoaXMgc2Fsd.m3.hGp5Vn8PYBGFEm07XDZnDBpoztT.";

    /** Two deployments: on Payara two processes, of which the Arquillian container stops only one. */
    @AfterAll
    static void stopPayaraProcesses() {
        Deployments.stopPayaraProcesses("/deployments/admin-auth.war", "/deployments/admin-open.war",
                "/deployments/admin-demo.war");
    }

    /** Basic authentication, development mode, actions allowed; the dashboard's files under admin-ui/. */
    @Deployment(name = "auth", testable = false)
    static WebArchive withAuthentication() {
        WebArchive war = Deployments.withOptions("admin-auth.war", Map.of("adminUi", "true",
                "adminUi.username", "admin", "adminUi.password", HASH, "adminUi.serverId", "it-node"),
                AdminUiHandlers.class);
        return withDashboard(war);
    }

    /** No authentication, read-only, namespace /ops. */
    @Deployment(name = "open", testable = false)
    static WebArchive readOnly() {
        return Deployments.withOptions("admin-open.war", Map.of("adminUi", "true", "adminUi.readonly", "true",
                "adminUi.namespace", "/ops"), AdminUiHandlers.class);
    }

    /**
     * The demo WAR this build packaged, with the Admin UI on as README.md turns it on (there with
     * environment variables; here as context parameters): no authentication, namespace /admin-ui.
     */
    @Deployment(name = "demo", testable = false)
    static WebArchive demo() {
        File war = new File("target/socketeer.war");
        if (!war.isFile()) {
            throw new IllegalStateException("target/socketeer.war is missing: run through mvn verify, after package");
        }
        WebArchive demo = ShrinkWrap.create(WebArchive.class, "admin-demo.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
        demo.setWebXML(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                + "  <context-param><param-name>socketeer.adminUi</param-name><param-value>true</param-value></context-param>\n"
                + "  <context-param><param-name>socketeer.adminUi.namespace</param-name><param-value>/admin-ui</param-value></context-param>\n"
                + "</web-app>\n"));
        return Deployments.forContainer(demo);
    }

    /** The dashboard's page as the demo WAR serves it (the build copies it from npm into target/socketeer). */
    private static WebArchive withDashboard(WebArchive war) {
        Path dir = Path.of("target/socketeer/admin-ui");
        if (!Files.isRegularFile(dir.resolve("index.html")) || !Files.isDirectory(dir.resolve("js"))) {
            throw new IllegalStateException(dir + " is missing: run through mvn verify, after package");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> war.addAsWebResource(f.toFile(),
                    "admin-ui/" + dir.relativize(f).toString().replace(File.separatorChar, '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    @ArquillianResource
    @OperateOnDeployment("auth")
    URL auth;

    @ArquillianResource
    @OperateOnDeployment("open")
    URL open;

    @ArquillianResource
    @OperateOnDeployment("demo")
    URL demo;

    private static void run(URL at, String... args) throws Exception {
        Endpoints e = Endpoints.of(at);
        String[] all = Stream.concat(Stream.of(e.origin(), e.path()), Stream.of(args)).toArray(String[]::new);
        String out = NodeClients.run("admin-ui.js", 120, all);
        System.out.println(out);
        assertTrue(out.contains(" passed, 0 failed"), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("not ok")), out);
    }

    /**
     * The dashboard's protocol, then its page: one run, so that the counts of {@code server_stats}
     * are those of this scenario's clients only.
     */
    @Test
    void theDashboardLogsInWithTheBcryptPasswordSeesEverythingActsOnTheClientsAndItsPageWorks() throws Exception {
        run(auth, "auth", "/admin", PASSWORD, pageOf(auth), new File("target/admin-ui.png").getAbsolutePath());
    }

    @Test
    void withoutAuthenticationAReadOnlyDashboardOnItsOwnNamespaceCannotAct() throws Exception {
        run(open, "readonly", "/ops");
    }

    @Test
    void theDemoShowsItsChatUsersInTheDashboardOpenedAsTheReadmeSays() throws Exception {
        run(demo, "demo", "/admin-ui", "", pageOf(demo), new File("target/admin-ui-demo.png").getAbsolutePath());
    }

    private static String pageOf(URL base) {
        return "http://127.0.0.1:" + base.getPort() + base.getPath() + (base.getPath().endsWith("/") ? "" : "/")
                + "admin-ui/";
    }
}
