package io.socketeer.container;

import jakarta.servlet.ServletContext;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Settings for Weld's HTTP contexts: for Weld Servlet, the CDI implementation a WAR brings to a
 * container that has none (Tomcat), and for the Weld built into Payara (and GlassFish). Never over a
 * value the application set.
 *
 * <p>Weld starts its HTTP request, session and conversation contexts in a request listener and
 * ends them when the container reports the request destroyed. For an async request (a held
 * long-polling GET) Tomcat reports that only on completion, on another thread: the thread that
 * took the GET keeps a request context bound to a request Tomcat then recycles, and a WebSocket
 * frame handled later on that thread runs its handlers in it ("The request object has been
 * recycled and is no longer associated with this facade" from any request-scoped bean). So:
 * <ul>
 * <li>{@code org.jboss.weld.context.mapping} leaves Socketeer's path out of those contexts.
 * Socketeer's requests need none of them: handlers get a request context of their own
 * ({@code CdiHandlers}) over both transports.</li>
 * <li>On Tomcat, {@code org.jboss.weld.context.ignore.guard = false} turns off Weld's check for
 * nested request notifications (which Tomcat never sends; despite its name, the parameter is the
 * guard's on switch, true by default): it would log two warnings for every held GET, as its counter
 * is set before the mapping is consulted.</li>
 * </ul>
 * On Payara only the context mapping is set: its Grizzly may fail at the end of a long-polling
 * request (see {@link ServletPollExchange}) before Weld has ended that request's contexts, which
 * then stay on the thread (WELD-000714 "guard leak") and its next request failed with 500. Weld
 * built into the container reads the mapping when its listener starts, after every initializer.
 *
 * <p>Weld Servlet reads these parameters when its own initializer runs: Socketeer's must run first. It does
 * when Socketeer's classes are in {@code WEB-INF/classes}, and for the library jar its
 * {@code web-fragment.xml} orders it before the other jars; if Weld was first all the same, a
 * warning names the parameters to put in web.xml.
 */
final class WeldServletSettings {
    private static final Logger LOG = Logger.getLogger(WeldServletSettings.class.getName());
    /** Weld's parameter: the request paths it starts its HTTP contexts for (a regular expression). */
    static final String CONTEXT_MAPPING = "org.jboss.weld.context.mapping";
    /** Weld's parameter: false turns off its nested invocation guard (true by default). */
    static final String IGNORE_GUARD = "org.jboss.weld.context.ignore.guard";
    /** Weld Servlet's initializer, present in a WAR that brings Weld. */
    private static final String WELD_SERVLET = "org.jboss.weld.environment.servlet.EnhancedListener";
    /** Set by Weld Servlet's initializer once it has read its parameters. */
    private static final String WELD_STARTED = "org.jboss.weld.environment.servlet.enhancedListenerUsed";

    private WeldServletSettings() {
    }

    static void apply(ServletContext ctx, String path) {
        if (isPayara(ctx.getServerInfo())) {
            ctx.setInitParameter(CONTEXT_MAPPING, contextMapping(path)); // kept when the application set it
            return;
        }
        if (!hasWeldServlet(ctx)) {
            return;
        }
        boolean tomcat = ctx.getServerInfo() != null && ctx.getServerInfo().startsWith("Apache Tomcat");
        String mapping = contextMapping(path);
        if (ctx.getAttribute(WELD_STARTED) != null) {
            if (ctx.getInitParameter(CONTEXT_MAPPING) == null) {
                LOG.warning("Weld started before Socketeer: put the context parameter " + CONTEXT_MAPPING + " = "
                        + mapping + (tomcat ? " and " + IGNORE_GUARD + " = false" : "") + " in web.xml, or "
                        + "request-scoped beans may fail in WebSocket handlers after long-polling");
            }
            return;
        }
        ctx.setInitParameter(CONTEXT_MAPPING, mapping); // false (kept) when the application set it
        if (tomcat) {
            ctx.setInitParameter(IGNORE_GUARD, "false");
        }
    }

    /** Payara or GlassFish, by the server info they report. */
    static boolean isPayara(String serverInfo) {
        return serverInfo != null && (serverInfo.contains("Payara") || serverInfo.contains("GlassFish"));
    }

    /** Every path but {@code path} and what lies under it. */
    static String contextMapping(String path) {
        return "^(?!" + Pattern.quote(path) + "(/|$)).*";
    }

    private static boolean hasWeldServlet(ServletContext ctx) {
        try {
            Class.forName(WELD_SERVLET, false, ctx.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }
}
