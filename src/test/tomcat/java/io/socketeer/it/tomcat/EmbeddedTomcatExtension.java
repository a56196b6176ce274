package io.socketeer.it.tomcat;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link EmbeddedTomcat} with Arquillian (profiles tomcat10 and tomcat11). */
public class EmbeddedTomcatExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, EmbeddedTomcat.class);
    }
}
