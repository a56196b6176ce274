package io.socketeer.demo;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The demo's settings. Each is looked up, first found wins, as a system property, as an environment
 * variable (the name in upper case, dots as underscores), then as a servlet context parameter:
 * <ul>
 *   <li>{@code socketeer.demo.adminToken} ({@code SOCKETEER_DEMO_ADMINTOKEN}): the token that opens
 *       the {@code /admin} namespace and {@code POST /api/announce}; the default is {@code admin}, fine
 *       on a laptop and nowhere else (a warning is logged);</li>
 *   <li>{@code socketeer.demo.statsInterval} ({@code SOCKETEER_DEMO_STATSINTERVAL}): seconds between
 *       two {@code stats} events to {@code /admin} ({@link AdminStats}), default 10, 0 for none.
 *       Anything but a whole number from 0 to 86400 stops the deployment with a message saying so.</li>
 * </ul>
 *
 * <pre>{@code
 * SOCKETEER_DEMO_ADMINTOKEN=s3cret mvn package payara-micro:start -Dsocketeer.demo.statsInterval=5
 * }</pre>
 */
@ApplicationScoped
public class DemoConfig {
    /** The property name of the admin token. */
    public static final String ADMIN_TOKEN = "socketeer.demo.adminToken";
    /** The default token. */
    public static final String DEFAULT_ADMIN_TOKEN = "admin";
    /** The property name of the stats interval, in seconds. */
    public static final String STATS_INTERVAL = "socketeer.demo.statsInterval";
    /** The default stats interval, in seconds. */
    public static final long DEFAULT_STATS_INTERVAL = 10;
    /** The longest stats interval accepted: a day. */
    static final long MAX_STATS_INTERVAL = 86_400;
    private static final Logger LOG = Logger.getLogger(DemoConfig.class.getName());

    @Inject
    Instance<ServletContext> servletContext;

    /** The application's context, from the start-up event: injected, it may work only during a request. */
    private volatile ServletContext startedWith;
    private volatile String adminToken;

    /** Keeps the servlet context for settings read outside a request (before {@link AdminStats} starts). */
    void started(@Observes @Priority(2000) @Initialized(ApplicationScoped.class) ServletContext context) {
        startedWith = context;
    }

    /** The admin token in force. */
    public String adminToken() {
        String token = adminToken;
        if (token == null) {
            token = setting(ADMIN_TOKEN);
            if (token == null) {
                LOG.warning("demo admin token is the default \"" + DEFAULT_ADMIN_TOKEN + "\": set " + ADMIN_TOKEN
                        + " (or " + envName(ADMIN_TOKEN) + ") anywhere but on your own machine");
                token = DEFAULT_ADMIN_TOKEN;
            }
            adminToken = token;
        }
        return token;
    }

    /** Whether a client sent the admin token (compared in constant time). */
    public boolean isAdminToken(Object candidate) {
        return candidate instanceof String s && MessageDigest.isEqual(
                s.getBytes(StandardCharsets.UTF_8), adminToken().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Seconds between two {@code stats} events ({@link AdminStats}); 0 when they are turned off.
     *
     * @throws IllegalArgumentException when the setting is not a whole number from 0 to 86400
     */
    public long statsIntervalSeconds() {
        return parseStatsInterval(setting(STATS_INTERVAL));
    }

    /** The stats interval a setting gives ({@code null}: the default). */
    static long parseStatsInterval(String value) {
        if (value == null) {
            return DEFAULT_STATS_INTERVAL;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_STATS_INTERVAL) {
            throw new IllegalArgumentException(STATS_INTERVAL + " must be a whole number of seconds from 0 (off) to "
                    + MAX_STATS_INTERVAL + ", not \"" + value + "\"");
        }
        return seconds;
    }

    /** A setting, stripped, or null when it is not set anywhere (or blank). */
    private String setting(String name) {
        String v = System.getProperty(name);
        if (blank(v)) {
            v = System.getenv(envName(name));
        }
        if (blank(v)) {
            v = contextParameter(name);
        }
        return blank(v) ? null : v.strip();
    }

    private String contextParameter(String name) {
        ServletContext context = startedWith;
        if (context != null) {
            return context.getInitParameter(name);
        }
        try {
            // Payara's ServletContext bean is request scoped: outside a request there is none
            return servletContext.isResolvable() ? servletContext.get().getInitParameter(name) : null;
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    /** {@code socketeer.demo.adminToken} -> {@code SOCKETEER_DEMO_ADMINTOKEN}. */
    static String envName(String name) {
        return name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
