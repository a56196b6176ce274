/**
 * The implementation of the API: the server, namespaces, sockets, broadcast operators, and
 * {@link io.socketeer.api.impl.Client}, the one seam that multiplexes an Engine.IO session into the
 * sockets of its namespaces (client.ts in the reference server). Events for the application leave
 * through {@link io.socketeer.api.impl.Handlers}, which the CDI layer implements.
 */
package io.socketeer.api.impl;
