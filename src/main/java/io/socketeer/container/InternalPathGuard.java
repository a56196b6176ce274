package io.socketeer.container;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses direct requests to the internal WebSocket path with 404: upgrades must come through the
 * servlet, which checks them first. (Registered before the container's own WebSocket filter.)
 */
public class InternalPathGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException {
        res.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
