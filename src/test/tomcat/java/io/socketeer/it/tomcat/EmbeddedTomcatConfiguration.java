package io.socketeer.it.tomcat;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** The settings of {@link EmbeddedTomcat} (arquillian.xml, container {@code tomcat}). */
public class EmbeddedTomcatConfiguration implements ContainerConfiguration {
    private String bindAddress = "127.0.0.1";
    private int httpPort;

    /** The address the HTTP connector listens on (default 127.0.0.1). */
    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    /** The HTTP port; 0 (the default) takes a free one. */
    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must be set");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new ConfigurationException("httpPort must be 0 (any free port) or a port number");
        }
    }
}
