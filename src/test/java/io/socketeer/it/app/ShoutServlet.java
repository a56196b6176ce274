package io.socketeer.it.app;

import io.socketeer.api.SocketIoServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A plain servlet of the application emitting through the injected server: {@code POST /shout}. */
@WebServlet("/shout")
public class ShoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoServer io;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String text = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        io.of(GreeterSocket.NSP).to("greeted").emit("shout", text);
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
