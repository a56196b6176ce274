/**
 * JMH microbenchmarks of the Engine.IO and Socket.IO codecs: what the echo, broadcast, polling and
 * binary paths do per message. Run with {@code mvn -Pjmh test-compile exec:exec@jmh} (options in the
 * {@code jmh.args} property, e.g. {@code -Djmh.args="-prof gc -f 1 -wi 3 -i 5"}).
 */
package io.socketeer.jmh;
