package io.socketeer.demo;

import io.socketeer.api.SocketIoServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/announce?room=lobby}: the body (plain text, at most 500 characters) is posted to
 * the room as an {@code announcement}. A plain servlet, to show that any bean can emit through the
 * injected {@link SocketIoServer}. It needs the admin token ({@link DemoConfig}) as a bearer token.
 *
 * <pre>{@code
 * curl -X POST -H 'Authorization: Bearer admin' --data 'Lunch is served' 'http://localhost:8080/api/announce?room=lobby'
 * }</pre>
 *
 * Answers 202 when emitted, 400 for a bad room or text, 401 without the token, 413 for a body too large.
 */
@WebServlet("/api/announce")
public class AnnounceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** More bytes than any 500-character text can take in UTF-8. */
    private static final int MAX_BODY = ChatText.MAX_MESSAGE * 4;

    @Inject
    transient SocketIoServer io;
    @Inject
    transient DemoConfig config;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String auth = req.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !config.isAdminToken(auth.substring(7).strip())) {
            resp.setHeader("WWW-Authenticate", "Bearer");
            reply(resp, HttpServletResponse.SC_UNAUTHORIZED, "not authorized: wrong or missing admin token");
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            reply(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "announcement is too long");
            return;
        }
        Announcement announcement;
        try {
            String param = queryParameter(req.getQueryString(), "room");
            String room = param == null ? ChatRooms.LOBBY : ChatText.room(param);
            String text = ChatText.message(new String(body, StandardCharsets.UTF_8), "announcement");
            announcement = Announcement.create(room, text, "api");
        } catch (IllegalArgumentException e) {
            reply(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        io.to(ChatRooms.key(announcement.room())).emit("announcement", announcement);
        reply(resp, HttpServletResponse.SC_ACCEPTED, "announced to " + announcement.room());
    }

    /**
     * A query parameter, read from the query string alone: {@code getParameter} would parse a body
     * sent as a form ({@code curl --data} does) and leave nothing to read.
     */
    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(message);
    }
}
