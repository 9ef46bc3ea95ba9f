package dev.lockstep.bench;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Java agent for the memory run ({@code -javaagent:lockstep-bench.jar=FILE}): every
 * {@value #PERIOD_MS} ms it forces a full collection and reads the heap in use, which is then the
 * live heap; at exit it writes the largest such figure (bytes) and the number of samples to FILE.
 * The largest live heap of a plan is at least its heap after planning (state, configuration and
 * plan are all reachable while it renders), so it bounds "heap after plan" from above. The run it
 * measures is slowed down by the collections and is never timed.
 */
public final class HeapProbe {

    static final long PERIOD_MS = 100;

    private HeapProbe() {
    }

    public static void premain(String args, Instrumentation inst) {
        Path out = Path.of(args);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long[] max = {0};
        long[] samples = {0};
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                long used = mem.getHeapMemoryUsage().getUsed();
                synchronized (max) {
                    max[0] = Math.max(max[0], used);
                    samples[0]++;
                }
            }
        }, "lockstep-bench-heap-probe");
        t.setDaemon(true);
        t.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (max) {
                try {
                    Files.writeString(out, max[0] + " " + samples[0] + "\n");
                } catch (IOException e) {
                    // nothing to report then
                }
            }
        }));
    }
}
