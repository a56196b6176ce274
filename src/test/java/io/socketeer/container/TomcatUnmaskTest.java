package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * {@link TomcatUnmask} leaves other containers' sessions alone; its installation into Tomcat's frame
 * reader runs in the Tomcat profiles' in-container suites (every message a client sends there goes
 * through it), its unmasking in {@link MaskingTest}.
 */
class TomcatUnmaskTest {
    @Test
    void aSessionThatIsNotTomcatsIsLeftAlone() {
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> null);
        assertNull(TomcatUnmask.install(session));
    }
}
