package dev.lockstep.secrets;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts API requests by endpoint ({@code GET /v1/{mount}/data/{path}}); safe for concurrent use. */
public final class RequestCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Records {@code n} requests to {@code endpoint}. */
    public void add(String endpoint, long n) {
        if (n > 0) {
            counts.computeIfAbsent(endpoint, k -> new LongAdder()).add(n);
        }
    }

    /** A sorted snapshot of the counts. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
