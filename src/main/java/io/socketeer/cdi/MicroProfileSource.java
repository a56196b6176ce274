package io.socketeer.cdi;

import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads options from MicroProfile Config; loaded only where its API exists. */
final class MicroProfileSource {
    private MicroProfileSource() {
    }

    static UnaryOperator<String> create() {
        Config config = ConfigProvider.getConfig(MicroProfileSource.class.getClassLoader());
        return key -> config.getOptionalValue(key, String.class).orElse(null);
    }
}
