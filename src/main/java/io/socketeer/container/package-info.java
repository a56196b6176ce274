/**
 * Thin adapters from the container to the Engine.IO layer, no protocol logic: one servlet on
 * {@code <path>/*} checks every request, answers long-polling itself with the async servlet API, and
 * hands valid WebSocket upgrades to the JSR-356 endpoint registered at start-up
 * ({@link io.socketeer.container.SocketeerInitializer}).
 */
package io.socketeer.container;
