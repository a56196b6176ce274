/**
 * Feature tests of the server API, each driven by every official client over each transport
 * ({@link io.socketeer.it.client.EveryClient}): one IT class per feature, each deploying the
 * conformance application plus its own handler beans (namespace {@code /<feature>}), which report
 * what the server saw through acknowledgements.
 */
package io.socketeer.it.features;
