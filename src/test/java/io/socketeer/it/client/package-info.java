/**
 * One test body, every official client: {@link io.socketeer.it.client.TestClient} is what a feature
 * test needs from a Socket.IO client, implemented over the official Java client
 * ({@link io.socketeer.it.client.JavaTestClient}) and over the official Node.js client driven through
 * a long-lived agent process ({@link io.socketeer.it.client.NodeTestClient},
 * {@code src/test/node/agent.js}). Tests take a {@link io.socketeer.it.client.ClientSetup} parameter
 * ({@link io.socketeer.it.client.EveryClient} runs them with each client over each transport) and
 * connect through {@link io.socketeer.it.client.TestClients}.
 */
package io.socketeer.it.client;
