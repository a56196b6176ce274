/**
 * The Socket.IO Admin UI's server side (npm {@code @socket.io/admin-ui} 0.5): {@link
 * io.socketeer.admin.AdminUi} instruments a server so that the dashboard connects to it as to a
 * Node.js server, {@link io.socketeer.admin.AdminUiOptions} holds {@code instrument}'s options, and
 * {@link io.socketeer.admin.Bcrypt} checks the dashboard's password against its bcrypt hash. Turned on
 * by {@code socketeer.adminUi=true} (read by {@code io.socketeer.cdi.ConfigLoader}); with it off,
 * nothing here is loaded.
 */
package io.socketeer.admin;
