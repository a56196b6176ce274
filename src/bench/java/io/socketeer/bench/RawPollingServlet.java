package io.socketeer.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The container's own floor for the harness's {@code polling-echo}: at {@code /raw-polling/}, the
 * fewest HTTP exchanges that answer the generator's long-polling client (an Engine.IO open packet,
 * {@code 40} for the CONNECT, {@code 43<id>[args]} for every {@code echo}), with nothing else of
 * Engine.IO or Socket.IO: no heartbeat, no limits, no protocol checks, sessions kept until the server
 * stops. Not a Socket.IO server; measured with {@code --path /raw-polling/} by src/bench/run.sh's raw
 * targets. A GET with nothing to take blocks its thread until a POST brings something (or 20 s
 * pass), which costs a thread per waiting client but is two plain requests per ack: parking it with
 * {@code startAsync} and completing it from the POST's thread measured 270 µs per ack on Tomcat 10.1,
 * against 82 this way (one run each, 2026-11-29).
 */
@WebServlet("/raw-polling/*")
public class RawPollingServlet extends HttpServlet {
    private static final String RS = "\u001e";
    private static final long POLL_MS = 20_000;

    private final Map<String, Poll> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** One client: the packets waiting for its next GET. */
    private static final class Poll {
        final List<String> out = new ArrayList<>();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sid = req.getParameter("sid");
        if (sid == null) {
            sid = "raw" + ids.incrementAndGet();
            sessions.put(sid, new Poll());
            write(resp, RawPackets.open(sid));
            return;
        }
        Poll poll = sessions.get(sid);
        if (poll == null) {
            resp.sendError(400);
            return;
        }
        String body;
        synchronized (poll) {
            body = drain(poll);
            long until = System.currentTimeMillis() + POLL_MS;
            for (long left = POLL_MS; body == null && left > 0; left = until - System.currentTimeMillis()) {
                try {
                    poll.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                body = drain(poll);
            }
        }
        write(resp, body == null ? "6" : body);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Poll poll = sessions.get(String.valueOf(req.getParameter("sid")));
        if (poll == null) {
            resp.sendError(400);
            return;
        }
        String payload = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (poll) {
            for (String packet : payload.split(RS)) {
                if (packet.equals("40")) {
                    poll.out.add(RawPackets.connected("s" + req.getParameter("sid")));
                } else if (packet.startsWith("42")) {
                    int i = 2;
                    while (i < packet.length() && Character.isDigit(packet.charAt(i))) {
                        i++;
                    }
                    int comma = packet.indexOf(',', i);
                    String args = comma < 0 ? "[]" : "[" + packet.substring(comma + 1);
                    poll.out.add("43" + packet.substring(2, i) + args);
                }
            }
            poll.notifyAll();
        }
        write(resp, "ok");
    }

    private static String drain(Poll poll) {
        if (poll.out.isEmpty()) {
            return null;
        }
        String body = String.join(RS, poll.out);
        poll.out.clear();
        return body;
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
