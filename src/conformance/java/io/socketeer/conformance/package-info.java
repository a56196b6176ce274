/**
 * The conformance deployment: the behaviour external Socket.IO conformance suites expect, and the
 * deployment the in-container tests use. Start it with
 * {@code mvn -Pconformance package payara-micro:start -Dport=3000}.
 */
package io.socketeer.conformance;
