/**
 * Engine.IO v4: the transport layer under Socket.IO.
 *
 * <p>Sessions ({@link io.socketeer.engineio.EngineSession}), their heartbeat, the long-polling and
 * WebSocket transports, the upgrade from one to the other, and the packet and payload codec
 * ({@link io.socketeer.engineio.PacketCodec}). Plain Java: nothing here knows servlets, JSR-356 or
 * CDI. The container layer adapts a real HTTP request ({@link io.socketeer.engineio.PollExchange})
 * and a real WebSocket session ({@link io.socketeer.engineio.WebSocketConnection}) to it.
 */
package io.socketeer.engineio;
