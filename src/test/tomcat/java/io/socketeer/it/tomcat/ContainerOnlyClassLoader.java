package io.socketeer.it.tomcat;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every web application's class loader: it shows the JDK and the Tomcat jars only,
 * as {@code $CATALINA_HOME/lib} does in a real Tomcat, and hides the rest of the test class path
 * (the library's own classes, Yasson, the CDI API, the clients...). So a WAR that lacks something
 * fails here as it would on Tomcat, instead of borrowing it from the tests.
 */
final class ContainerOnlyClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassLoader classPath;
    /** {@code jar:file:/.../tomcat-embed-core-x.jar!/}, one for each container jar. */
    private final List<String> containerJars;

    /**
     * @param classPath the loader that has the Tomcat jars (the test class path)
     * @param containerClasses one class of each Tomcat jar to show
     */
    ContainerOnlyClassLoader(ClassLoader classPath, Class<?>... containerClasses) {
        super("tomcat-container", ClassLoader.getPlatformClassLoader());
        this.classPath = classPath;
        List<String> jars = new ArrayList<>();
        for (Class<?> c : containerClasses) {
            URL jar = c.getProtectionDomain().getCodeSource().getLocation();
            jars.add("jar:" + jar + "!/");
        }
        this.containerJars = List.copyOf(jars);
    }

    private boolean fromContainer(URL url) {
        String s = url.toString();
        for (String jar : containerJars) {
            if (s.startsWith(jar)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (findResource(name.replace('.', '/') + ".class") == null) {
            throw new ClassNotFoundException(name);
        }
        Class<?> c = classPath.loadClass(name);
        URL source = c.getProtectionDomain().getCodeSource() == null ? null
                : c.getProtectionDomain().getCodeSource().getLocation();
        if (source == null || !containerJars.contains("jar:" + source + "!/")) {
            throw new ClassNotFoundException(name + " comes from " + source + ", not from a Tomcat jar");
        }
        return c;
    }

    @Override
    protected URL findResource(String name) {
        try {
            Enumeration<URL> all = classPath.getResources(name);
            while (all.hasMoreElements()) {
                URL url = all.nextElement();
                if (fromContainer(url)) {
                    return url;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> found = new ArrayList<>();
        for (URL url : Collections.list(classPath.getResources(name))) {
            if (fromContainer(url)) {
                found.add(url);
            }
        }
        return Collections.enumeration(found);
    }
}
