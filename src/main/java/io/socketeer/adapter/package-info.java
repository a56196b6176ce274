/**
 * Rooms and broadcast: the {@link io.socketeer.adapter.Adapter} SPI, one instance per namespace, and
 * the in-memory default {@link io.socketeer.adapter.InMemoryAdapter}.
 *
 * <p>A cluster adapter extends the in-memory one and only adds "publish" and "listen": it sends a
 * broadcast (and utility requests such as fetchSockets) to the other nodes, then calls the
 * in-memory method for the local sockets. Session persistence hooks
 * ({@link io.socketeer.adapter.Adapter#persistSession}) are where connection state recovery stores
 * and finds disconnected sessions; {@link io.socketeer.adapter.SessionAwareAdapter} is the in-memory
 * adapter that implements them (offsets on broadcasts, packets and sessions kept for a while).
 */
package io.socketeer.adapter;
