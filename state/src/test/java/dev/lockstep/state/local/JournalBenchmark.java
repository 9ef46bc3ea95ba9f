package dev.lockstep.state.local;

import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.testing.SampleStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures per-resource persistence: N journaled puts (each fsynced before it returns) and the
 * commit, sequentially and from 10 threads, and for comparison N whole-state rewrites (what
 * persisting after every resource costs without a journal). Prints; asserts nothing. Run with
 * <pre>
 * mvn -B -q -o test-compile -pl state -am
 * mvn -B -q -o compile dependency:build-classpath -pl state -am -Dmdep.outputFile=target/classpath.txt
 * java -cp state/target/test-classes:state/target/classes:$(cat state/target/classpath.txt) \
 *     dev.lockstep.state.local.JournalBenchmark [sizes, default 1000,10000] [rewrite sizes, default 1000]
 * </pre>
 * The temp directory is under {@code java.io.tmpdir}; point it at the disk you care about.
 */
public final class JournalBenchmark {

    private JournalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = parse(args.length > 0 ? args[0] : "1000,10000");
        int[] rewrite = parse(args.length > 1 ? args[1] : "1000");
        journal(200, 1, false); // warm up
        for (int n : sizes) {
            journal(n, 1, true);
            journal(n, 10, true);
        }
        for (int n : rewrite) {
            rewrite(n);
        }
    }

    private static int[] parse(String s) {
        return java.util.Arrays.stream(s.split(",")).filter(x -> !x.isBlank()).mapToInt(Integer::parseInt).toArray();
    }

    private static LocalBackend fresh() throws Exception {
        Path dir = Files.createTempDirectory("lockstep-bench").resolve(".lockstep");
        return new LocalBackend(dir);
    }

    private static void journal(int n, int threads, boolean print) throws Exception {
        LocalBackend b = fresh();
        State base = SampleStates.empty();
        b.persist(base, LocalBackend.info("bench", null));
        long t0 = System.nanoTime();
        State committed;
        try (Journal j = b.journal(base)) {
            if (threads == 1) {
                for (int i = 0; i < n; i++) {
                    j.put(SampleStates.instance("r" + i, "value-" + i));
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    fs.add(pool.submit(() -> {
                        for (int i = tt; i < n; i += threads) {
                            j.put(SampleStates.instance("r" + i, "value-" + i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                pool.shutdown();
            }
            long t1 = System.nanoTime();
            committed = j.commit(null, LocalBackend.info("bench", null));
            long t2 = System.nanoTime();
            if (print) {
                System.out.printf(Locale.ROOT, "journal %6d puts, %2d thread(s): puts %8.1f ms (%.3f ms/put), commit %7.1f ms,"
                        + " total %8.1f ms, state %d resources%n", n, threads, ms(t1 - t0), ms(t1 - t0) / n, ms(t2 - t1),
                        ms(t2 - t0), committed.resources().size());
            }
        }
    }

    private static void rewrite(int n) throws Exception {
        LocalBackend b = fresh();
        State s = SampleStates.empty();
        long t0 = System.nanoTime();
        long firstHundred = 0;
        for (int i = 0; i < n; i++) {
            s = s.withResource(SampleStates.instance("r" + i, "value-" + i)).withSerial(i + 1);
            b.persist(s, LocalBackend.info("bench", null));
            if (i == 99) {
                firstHundred = System.nanoTime() - t0;
            }
        }
        long total = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "rewrite %6d whole-state persists: total %8.1f ms (first 100: %.2f ms each, "
                + "last %d: %.2f ms each)%n", n, ms(total), ms(firstHundred) / 100, n - 100,
                ms(total - firstHundred) / (n - 100));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
