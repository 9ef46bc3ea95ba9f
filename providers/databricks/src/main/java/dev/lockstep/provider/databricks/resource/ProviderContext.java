package dev.lockstep.provider.databricks.resource;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What every handler of one provider instance shares: the client, a small thread pool for
 * parallel per-object reads (the rate limiter bounds what actually goes out), the configuration
 * directory and the log.
 */
public final class ProviderContext implements AutoCloseable {

    /** The outcome of one parallel task: a result or the failure. */
    public record Outcome<T, R>(T input, R result, RuntimeException error) {
    }

    private final DatabricksClient client;
    private final Path configDir;
    private final ExecutorService pool;

    public ProviderContext(DatabricksClient client, Path configDir, int parallelism) {
        this.client = client;
        this.configDir = configDir;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "lockstep-databricks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public DatabricksClient client() {
        return client;
    }

    public Path configDir() {
        return configDir;
    }

    public ProviderLog log() {
        return client.log();
    }

    /** Runs {@code f} on every input in parallel; outcomes come back in input order. */
    public <T, R> List<Outcome<T, R>> parallel(List<T> inputs, Function<T, R> f) {
        if (inputs.size() == 1) {
            return List.of(run(inputs.get(0), f));
        }
        List<Future<Outcome<T, R>>> futures = new ArrayList<>();
        for (T in : inputs) {
            futures.add(pool.submit(() -> run(in, f)));
        }
        List<Outcome<T, R>> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new Outcome<>(inputs.get(i), null, new IllegalStateException("interrupted")));
            } catch (ExecutionException e) {
                out.add(new Outcome<>(inputs.get(i), null, new IllegalStateException(e.getCause())));
            }
        }
        return out;
    }

    private static <T, R> Outcome<T, R> run(T in, Function<T, R> f) {
        try {
            return new Outcome<>(in, f.apply(in), null);
        } catch (RuntimeException e) {
            return new Outcome<>(in, null, e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
