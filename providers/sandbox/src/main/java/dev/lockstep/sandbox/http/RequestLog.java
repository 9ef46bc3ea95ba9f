package dev.lockstep.sandbox.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request accounting: counters per endpoint ({@code "METHOD /route/{template}"}), per status, per
 * endpoint and status, plus an ordered log of recent requests (bounded; the oldest entries are
 * dropped first, counters are never dropped). Benchmarks read it through {@link #snapshot()}.
 */
public final class RequestLog {
  /** One handled request. {@code injected} marks answers produced by {@link Faults}. */
  public record Entry(
      Instant at, String endpoint, String path, int status, Duration duration, boolean injected) {}

  /** An immutable copy of the counters and the log at one moment. */
  public record Snapshot(
      long total,
      Map<String, Long> byEndpoint,
      Map<Integer, Long> byStatus,
      Map<String, Map<Integer, Long>> byEndpointAndStatus,
      List<Entry> entries,
      long droppedEntries) {
    /** Requests seen for one endpoint key, e.g. {@code "GET /api/2.1/clusters/get"}. */
    public long count(String endpoint) {
      return byEndpoint.getOrDefault(endpoint, 0L);
    }

    /** Requests answered with one status. */
    public long countStatus(int status) {
      return byStatus.getOrDefault(status, 0L);
    }

    /** Requests for one endpoint answered with one status. */
    public long count(String endpoint, int status) {
      return byEndpointAndStatus.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
    }
  }

  private final int capacity;
  private long total;
  private long dropped;
  private final Map<String, Long> byEndpoint = new TreeMap<>();
  private final Map<Integer, Long> byStatus = new TreeMap<>();
  private final Map<String, Map<Integer, Long>> byEndpointAndStatus = new TreeMap<>();
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  /** A log that keeps at most {@code capacity} entries (counters are unbounded). */
  public RequestLog(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0");
    }
    this.capacity = capacity;
  }

  /** Records one request. */
  public synchronized void record(Entry e) {
    total++;
    byEndpoint.merge(e.endpoint(), 1L, Long::sum);
    byStatus.merge(e.status(), 1L, Long::sum);
    byEndpointAndStatus.computeIfAbsent(e.endpoint(), k -> new TreeMap<>()).merge(e.status(), 1L, Long::sum);
    if (capacity == 0) {
      dropped++;
      return;
    }
    if (entries.size() == capacity) {
      entries.pollFirst();
      dropped++;
    }
    entries.addLast(e);
  }

  /** A consistent copy of everything recorded since the last reset. */
  public synchronized Snapshot snapshot() {
    Map<String, Map<Integer, Long>> nested = new TreeMap<>();
    byEndpointAndStatus.forEach((k, v) -> nested.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    return new Snapshot(
        total,
        Collections.unmodifiableMap(new TreeMap<>(byEndpoint)),
        Collections.unmodifiableMap(new TreeMap<>(byStatus)),
        Collections.unmodifiableMap(nested),
        List.copyOf(new ArrayList<>(entries)),
        dropped);
  }

  /** Clears counters and the log. */
  public synchronized void reset() {
    total = 0;
    dropped = 0;
    byEndpoint.clear();
    byStatus.clear();
    byEndpointAndStatus.clear();
    entries.clear();
  }
}
