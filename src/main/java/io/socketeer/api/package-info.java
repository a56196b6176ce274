/**
 * The application API, named as in the reference server so its documentation reads across:
 * {@link io.socketeer.api.SocketIoServer} ({@code io}), {@link io.socketeer.api.Namespace},
 * {@link io.socketeer.api.Socket}, the immutable {@link io.socketeer.api.BroadcastOperator}, and the
 * payloads CDI observers receive ({@link io.socketeer.api.EventContext},
 * {@link io.socketeer.api.HandshakeContext}, {@link io.socketeer.api.Disconnection}).
 * Implementations live in {@code io.socketeer.api.impl}.
 */
package io.socketeer.api;
