package io.socketeer.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.logging.Logger;

/**
 * The demo's one setting, {@code socketeer.demo.adminToken}: the token that opens the {@code /admin}
 * namespace and {@code POST /api/announce}. Looked up, first found wins, as a system property, as the
 * environment variable {@code SOCKETEER_DEMO_ADMINTOKEN}, then as a servlet context parameter; the
 * default is {@code admin}, fine on a laptop and nowhere else (a warning is logged).
 *
 * <pre>{@code
 * SOCKETEER_DEMO_ADMINTOKEN=s3cret mvn package payara-micro:start
 * }</pre>
 */
@ApplicationScoped
public class DemoConfig {
    /** The property name. */
    public static final String ADMIN_TOKEN = "socketeer.demo.adminToken";
    /** The default token. */
    public static final String DEFAULT_ADMIN_TOKEN = "admin";
    private static final Logger LOG = Logger.getLogger(DemoConfig.class.getName());

    @Inject
    Instance<ServletContext> servletContext;

    private volatile String adminToken;

    /** The admin token in force. */
    public String adminToken() {
        String token = adminToken;
        if (token == null) {
            token = lookup();
            adminToken = token;
        }
        return token;
    }

    /** Whether a client sent the admin token (compared in constant time). */
    public boolean isAdminToken(Object candidate) {
        return candidate instanceof String s && MessageDigest.isEqual(
                s.getBytes(StandardCharsets.UTF_8), adminToken().getBytes(StandardCharsets.UTF_8));
    }

    private String lookup() {
        String v = System.getProperty(ADMIN_TOKEN);
        if (blank(v)) {
            v = System.getenv("SOCKETEER_DEMO_ADMINTOKEN");
        }
        if (blank(v) && servletContext.isResolvable()) {
            v = servletContext.get().getInitParameter(ADMIN_TOKEN);
        }
        if (blank(v)) {
            LOG.warning("demo admin token is the default \"" + DEFAULT_ADMIN_TOKEN + "\": set " + ADMIN_TOKEN
                    + " (or SOCKETEER_DEMO_ADMINTOKEN) anywhere but on your own machine");
            return DEFAULT_ADMIN_TOKEN;
        }
        return v.strip();
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
