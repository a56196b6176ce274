package io.socketeer.it.client;

import io.socketeer.it.Endpoints;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens {@link LegacyJavaTestClient}s: the official Java client 1.0.2 ({@code io.socket:socket.io-client},
 * Socket.IO v2, Engine.IO v3) beside the 2.1.2 client the other tests use. The two share their
 * package names, so 1.0.2 runs in a class loader of its own that looks in its jars (copied by the
 * build into {@code target/legacy-java-client}) before the test class path, for {@code io.socket}
 * and for {@link LegacyJavaTestClient} itself; okhttp and org.json, the same versions for both, and
 * the test API ({@link TestClient}, {@link Received}) come from the test class path.
 */
final class LegacyJavaClients {
    private static final String CLIENT = "io.socketeer.it.client.LegacyJavaTestClient";
    private static ClassLoader loader;

    private LegacyJavaClients() {
    }

    /** A new connection of the 1.0.2 client to {@code nsp}, connected (see {@link TestClients#connect}). */
    static TestClient connect(String transport, Endpoints endpoints, String nsp, Map<String, String> auth) {
        try {
            Class<?> c = Class.forName(CLIENT, true, loader());
            return (TestClient) c.getMethod("connect", String.class, String.class, String.class, String.class, Map.class)
                    .invoke(null, transport, endpoints.origin(), endpoints.path(), nsp, auth);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot load " + CLIENT, e);
        }
    }

    private static synchronized ClassLoader loader() {
        if (loader == null) {
            File dir = new File(System.getProperty("socketeer.legacyJavaClient", "target/legacy-java-client"));
            File[] jars = dir.listFiles((d, n) -> n.endsWith(".jar"));
            if (jars == null || jars.length < 2) {
                throw new AssertionError("no io.socket 1.0.2 jars in " + dir.getAbsolutePath()
                        + ": run with a container profile, whose build copies them");
            }
            List<URL> urls = new ArrayList<>();
            try {
                for (File jar : jars) {
                    urls.add(jar.toURI().toURL());
                }
            } catch (MalformedURLException e) {
                throw new AssertionError(e);
            }
            urls.add(LegacyJavaClients.class.getProtectionDomain().getCodeSource().getLocation());
            loader = new OwnFirst(urls.toArray(URL[]::new), LegacyJavaClients.class.getClassLoader());
        }
        return loader;
    }

    /** Loads io.socket and the legacy client from its own URLs first, everything else from the parent. */
    private static final class OwnFirst extends URLClassLoader {
        OwnFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.socket.") && !name.startsWith(CLIENT)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
