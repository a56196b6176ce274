/**
 * The benchmark deployment: the events ../shared/bench/CONTRACT.md asks for ({@code echo},
 * {@code join}, {@code leave}, {@code blast}) written as ordinary CDI observers, and a plain JSR-356
 * echo endpoint ({@code /raw-echo}) as the container's own ceiling. Built by the {@code bench}
 * profile into target/bench/socketeer.war; src/bench/run.sh starts and measures it.
 */
package io.socketeer.bench;
