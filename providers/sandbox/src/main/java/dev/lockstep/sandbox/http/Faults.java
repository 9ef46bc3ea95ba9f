package dev.lockstep.sandbox.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Fault and latency injection, settable at runtime (all setters are thread-safe and take effect on
 * the next request). Knobs: fixed latency; a burst of 429s (next N requests or a time window);
 * a 5xx rate drawn from a seeded {@link Random}; per-endpoint rate limits answered with 429 and
 * {@code Retry-After}; and a not-found window after create that emulators consult on reads.
 * {@link #apply(String)} parses the same knobs from a compact text spec for the command line.
 */
public final class Faults {
  /** One injected failure: the status and, for 429, the Retry-After value in seconds. */
  public record Fault(int status, long retryAfterSeconds, String reason) {}

  private final LongSupplier nanoClock;
  private volatile long latencyMillis;
  private volatile int retryAfterSeconds = 1;
  private int burstRemaining;
  private long burstUntilNanos;
  private volatile double errorRate;
  private Random random = new Random(0);
  private final List<RateLimit> rateLimits = new CopyOnWriteArrayList<>();
  private volatile long notFoundAfterCreateMillis;

  /** Faults on the system monotonic clock. */
  public Faults() {
    this(System::nanoTime);
  }

  /** Faults on a given monotonic nanosecond clock (tests). */
  public Faults(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Adds this fixed latency to every request (0 disables). */
  public Faults latency(Duration latency) {
    this.latencyMillis = Math.max(0, latency.toMillis());
    return this;
  }

  /** Current fixed latency. */
  public Duration latency() {
    return Duration.ofMillis(latencyMillis);
  }

  /** Retry-After value (seconds) sent with every injected 429; default 1. */
  public Faults retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = Math.max(0, seconds);
    return this;
  }

  /** Answers the next {@code n} requests with 429. */
  public synchronized Faults tooManyRequestsBurst(int n) {
    this.burstRemaining = Math.max(0, n);
    return this;
  }

  /** Answers every request for the given window, starting now, with 429. */
  public synchronized Faults tooManyRequestsFor(Duration window) {
    this.burstUntilNanos = nanoClock.getAsLong() + window.toNanos();
    return this;
  }

  /** Fails this fraction of requests (0..1) with 500 or 503, drawn from a Random with this seed. */
  public synchronized Faults serverErrorRate(double rate, long seed) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("error rate must be within [0, 1]: " + rate);
    }
    this.errorRate = rate;
    this.random = new Random(seed);
    return this;
  }

  /** Limits requests matching {@code pattern} (see {@link EndpointPattern}) to n per second. */
  public Faults rateLimit(String pattern, int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("rate limit must be at least 1 per second");
    }
    rateLimits.add(new RateLimit(EndpointPattern.parse(pattern), perSecond));
    return this;
  }

  /** Objects answer 404 on reads for this long after their creation (eventual consistency). */
  public Faults notFoundAfterCreate(Duration window) {
    this.notFoundAfterCreateMillis = Math.max(0, window.toMillis());
    return this;
  }

  /** Current not-found window after create. */
  public Duration notFoundAfterCreate() {
    return Duration.ofMillis(notFoundAfterCreateMillis);
  }

  /** Clears every knob. */
  public synchronized Faults reset() {
    latencyMillis = 0;
    retryAfterSeconds = 1;
    burstRemaining = 0;
    burstUntilNanos = 0;
    errorRate = 0;
    random = new Random(0);
    rateLimits.clear();
    notFoundAfterCreateMillis = 0;
    return this;
  }

  /**
   * Applies a comma-separated spec, e.g. {@code latency=50ms,burst429=5,window429=2s,
   * retry-after=1,5xx=0.1,seed=42,notfound-after-create=1500ms,
   * ratelimit=PUT /api/2.0/permissions/**:30}. Durations take ms or s; a bare number is ms.
   */
  public Faults apply(String spec) {
    double rate = -1;
    long seed = 0;
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("fault setting needs key=value: " + p);
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = p.substring(eq + 1).trim();
      switch (key) {
        case "latency" -> latency(parseDuration(value));
        case "burst429" -> tooManyRequestsBurst(Integer.parseInt(value));
        case "window429" -> tooManyRequestsFor(parseDuration(value));
        case "retry-after" -> retryAfterSeconds(Integer.parseInt(value));
        case "5xx" -> rate = Double.parseDouble(value);
        case "seed" -> seed = Long.parseLong(value);
        case "notfound-after-create" -> notFoundAfterCreate(parseDuration(value));
        case "ratelimit" -> {
          int colon = value.lastIndexOf(':');
          if (colon < 0) {
            throw new IllegalArgumentException("ratelimit needs PATTERN:PER_SECOND: " + value);
          }
          rateLimit(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1).trim()));
        }
        default -> throw new IllegalArgumentException("unknown fault setting: " + key);
      }
    }
    if (rate >= 0) {
      serverErrorRate(rate, seed);
    }
    return this;
  }

  static Duration parseDuration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
    }
    if (s.endsWith("s")) {
      return Duration.ofMillis(
          Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
    }
    return Duration.ofMillis(Long.parseLong(s));
  }

  /**
   * Decides whether this request is answered by an injected fault. Burst 429s come first, then
   * rate limits (which count only requests that got past the burst), then the 5xx rate.
   */
  public Optional<Fault> decide(String method, String path) {
    long now = nanoClock.getAsLong();
    synchronized (this) {
      if (burstRemaining > 0) {
        burstRemaining--;
        return Optional.of(new Fault(429, retryAfterSeconds, "injected 429 burst"));
      }
      if (burstUntilNanos != 0 && now < burstUntilNanos) {
        long left = (burstUntilNanos - now + 999_999_999L) / 1_000_000_000L;
        return Optional.of(new Fault(429, Math.max(retryAfterSeconds, left), "injected 429 window"));
      }
    }
    for (RateLimit limit : rateLimits) {
      if (limit.pattern.matches(method, path)) {
        long wait = limit.acquire(now);
        if (wait >= 0) {
          long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
          return Optional.of(new Fault(429, seconds, "rate limit " + limit.pattern));
        }
      }
    }
    if (errorRate > 0) {
      synchronized (this) {
        if (random.nextDouble() < errorRate) {
          int status = random.nextBoolean() ? 500 : 503;
          return Optional.of(new Fault(status, 0, "injected " + status));
        }
      }
    }
    return Optional.empty();
  }

  /** Sliding one-second window limiter. */
  private static final class RateLimit {
    private final EndpointPattern pattern;
    private final int perSecond;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    RateLimit(EndpointPattern pattern, int perSecond) {
      this.pattern = pattern;
      this.perSecond = perSecond;
    }

    /** Returns -1 when admitted, else nanoseconds until a slot frees up. */
    synchronized long acquire(long now) {
      long horizon = now - 1_000_000_000L;
      while (!admitted.isEmpty() && admitted.peekFirst() <= horizon) {
        admitted.pollFirst();
      }
      if (admitted.size() < perSecond) {
        admitted.addLast(now);
        return -1;
      }
      return admitted.peekFirst() + 1_000_000_000L - now;
    }
  }
}
