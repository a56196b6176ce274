/**
 * The CDI bridge: qualifiers ({@link io.socketeer.cdi.OnConnect}, {@link io.socketeer.cdi.OnEvent},
 * {@link io.socketeer.cdi.OnDisconnect}, {@link io.socketeer.cdi.OnHandshake}) that select which
 * socket events an observer method receives, the {@link io.socketeer.cdi.SessionRegistry} shared by
 * the WebSocket endpoint and the polling servlet, the producer of
 * {@link io.socketeer.api.SocketIoServer}, and configuration ({@link io.socketeer.cdi.ConfigLoader}).
 */
package io.socketeer.cdi;
