package io.socketeer.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes a piece of code allocates on the calling thread, as the JVM counts them
 * ({@code com.sun.management.ThreadMXBean}): a deterministic check that decoding hostile input
 * allocates in proportion to the input, not to what it announces, and not quadratically.
 */
public final class Allocation {
    private Allocation() {
    }

    /** Runs {@code work} and returns the bytes it allocated on this thread. */
    public static long bytes(Runnable work) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        work.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }
}
