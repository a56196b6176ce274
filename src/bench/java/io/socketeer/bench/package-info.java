/**
 * The benchmark deployment: the events ../shared/bench/CONTRACT.md asks for ({@code echo},
 * {@code join}, {@code leave}, {@code blast}) written as ordinary CDI observers; and, as the
 * container's own limits, a plain JSR-356 echo endpoint ({@code /raw-echo}), a servlet answering the
 * polling client with the fewest HTTP exchanges ({@code /raw-polling/}), an endpoint answering only
 * the open packet and CONNECT ({@code /raw-connect/}) and a plain endpoint for idle connections
 * ({@code /raw-idle}). Built by the {@code bench} profile into
 * target/bench/socketeer.war; src/bench/run.sh and src/bench/scale.sh start and measure it.
 */
package io.socketeer.bench;
