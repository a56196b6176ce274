package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo chat as a user meets it: the WAR this build packaged, on Payara Micro, with a real browser
 * (Debian's headless Chromium driven by playwright-core) and the official Node.js client talking to
 * each other through it (src/test/node/demo-chat.js: nickname refusals, messages with delivery
 * ticks both ways, typing, private messages, rooms, announcements, nothing loaded from elsewhere),
 * then two pages of the browser in one room, one upgraded to WebSocket and one kept on long-polling
 * by {@code ?transport=polling}, and the scheduled {@code stats} of {@code /admin}. The script's
 * checks are printed to {@code target/failsafe-reports/io.socketeer.it.DemoChatIT-output.txt}, its
 * screenshots land in {@code target/demo-chat*.png}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoChatIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File("target/socketeer.war");
        if (!war.isFile()) {
            throw new IllegalStateException("target/socketeer.war is missing: run through mvn verify, after package");
        }
        return Deployments.forContainer(ShrinkWrap.createFromZipFile(WebArchive.class, war));
    }

    @ArquillianResource
    URL base;

    @Test
    void aBrowserTabAndANodeClientChatThroughTheDemo() throws Exception {
        String page = "http://127.0.0.1:" + base.getPort() + base.getPath();
        String out = NodeClients.run("demo-chat.js", 180, page, new File("target/demo-chat.png").getAbsolutePath());
        System.out.println(out);
        assertTrue(out.contains(" passed, 0 failed"), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("not ok")), out);
    }
}
