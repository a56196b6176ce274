package io.socketeer.admin;

import java.util.Objects;

/**
 * The options of {@link AdminUi}, named as those of npm {@code @socket.io/admin-ui}'s
 * {@code instrument(io, options)}; README.md lists the {@code socketeer.adminUi.*} keys that set them.
 *
 * @param namespace  the dashboard's namespace ({@code namespaceName}, default {@code /admin})
 * @param username   with {@code passwordHash}: {@code auth: {type: "basic", username, password}};
 *                   both null: {@code auth: false}, no authentication
 * @param passwordHash a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}) of the password
 * @param mode       {@code development} (every socket, room and event is reported) or
 *                   {@code production} (server stats and aggregated counts only)
 * @param readonly   whether the dashboard's join, leave, disconnect and emit actions are refused
 * @param serverId   the server's name in the dashboard; null: the host name, as the reference
 */
public record AdminUiOptions(String namespace, String username, String passwordHash, String mode, boolean readonly,
                             String serverId) {
    /** {@code mode} for every socket, room and event. */
    public static final String DEVELOPMENT = "development";
    /** {@code mode} for stats and counts only. */
    public static final String PRODUCTION = "production";

    public AdminUiOptions {
        Objects.requireNonNull(namespace, "namespace");
        namespace = namespace.startsWith("/") ? namespace : "/" + namespace;
        mode = mode == null ? DEVELOPMENT : mode;
        if (!mode.equals(DEVELOPMENT) && !mode.equals(PRODUCTION)) {
            throw new IllegalArgumentException("the admin UI's mode is development or production, not " + mode);
        }
        if ((username == null) != (passwordHash == null)) {
            throw new IllegalArgumentException("the admin UI's authentication needs both a username and a password"
                    + " (a bcrypt hash), or neither");
        }
        if (passwordHash != null) {
            try {
                Bcrypt.rounds(passwordHash);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the admin UI's password must be a valid bcrypt hash: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The reference's defaults: {@code /admin}, no authentication, development, not read-only. */
    public static AdminUiOptions defaults() {
        return new AdminUiOptions("/admin", null, null, DEVELOPMENT, false, null);
    }

    /** Whether clients must log in. */
    public boolean authenticated() {
        return passwordHash != null;
    }

    /** Whether every socket, room and event is reported ({@code development}). */
    public boolean development() {
        return DEVELOPMENT.equals(mode);
    }
}
