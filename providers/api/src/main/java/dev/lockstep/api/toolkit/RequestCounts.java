package dev.lockstep.api.toolkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests a provider sent, per endpoint, as it reports them through
 * {@code Provider.requestCounts()}. The provider names its endpoints (method plus path template,
 * {@code GET /api/2.1/clusters/get}); retries count as requests. Safe for concurrent use.
 */
public final class RequestCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one request to {@code endpoint}. */
    public void record(String endpoint) {
        add(endpoint, 1);
    }

    /** Counts {@code n} requests to {@code endpoint}; nothing when {@code n} is not positive. */
    public void add(String endpoint, long n) {
        if (n > 0) {
            counts.computeIfAbsent(endpoint, k -> new LongAdder()).add(n);
        }
    }

    /** A snapshot of the counts, sorted by endpoint; endpoints never requested are absent. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
