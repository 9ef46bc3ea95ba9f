package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Base of every loopback emulator: a {@link HttpServer} bound to 127.0.0.1 with a bounded thread
 * pool, a {@link Router}, {@link Faults}, a {@link RequestLog} and a {@link StateStore}.
 *
 * <p>Per request: route lookup, injected latency, injected faults, authentication (unless the route
 * is open), then the handler runs while holding the emulator's state lock; a successful mutating
 * request is followed by a save of the whole state when the store is durable. Subclasses register
 * routes, authenticate, and convert their state to and from JSON.
 */
public abstract class EmulatorServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());
  private static final String UNMATCHED = "(unmatched)";

  /** Server settings; the defaults suit tests. */
  public record Options(
      int port, int threads, int queueCapacity, int logCapacity, StateStore store) {
    /** Ephemeral port, 8 threads, 256 queued requests, 100,000 log entries, in-memory state. */
    public static Options defaults() {
      return new Options(0, 8, 256, 100_000, StateStore.inMemory());
    }

    /** Same options with another store. */
    public Options withStore(StateStore s) {
      return new Options(port, threads, queueCapacity, logCapacity, s);
    }

    /** Same options with another port (0 = ephemeral). */
    public Options withPort(int p) {
      return new Options(p, threads, queueCapacity, logCapacity, store);
    }
  }

  protected final Router router = new Router();
  private final String name;
  private final Options options;
  private final Faults faults = new Faults();
  private final RequestLog requestLog;
  private final ReentrantLock stateLock = new ReentrantLock();
  private final Map<String, Long> createdAtNanos = new ConcurrentHashMap<>();
  private HttpServer server;
  private ThreadPoolExecutor executor;
  private boolean stateLoaded;

  protected EmulatorServer(String name, Options options) {
    this.name = name;
    this.options = options;
    this.requestLog = new RequestLog(options.logCapacity());
  }

  /** Error phrasing for this service. */
  protected abstract ErrorRenderer errors();

  /** Authenticates a request on a non-open route: attach a principal or throw an HttpError. */
  protected abstract void authenticate(ApiRequest request);

  /** The whole state as JSON (called with the state lock held). */
  protected abstract JsonNode exportState();

  /** Replaces the state with a saved one (called before the server starts). */
  protected abstract void importState(JsonNode state);

  /** Sets up the state of a brand-new sandbox (called before the server starts). */
  protected abstract void initState();

  /** Loads saved state (or initializes it) and starts serving. Idempotent. */
  public final synchronized void start() {
    if (server != null) {
      return;
    }
    if (!stateLoaded) {
      withStateLock(
          () -> {
            Optional<JsonNode> saved = options.store().load();
            if (saved.isPresent()) {
              try {
                importState(saved.get());
              } catch (RuntimeException e) {
                throw options.store().unusable(e);
              }
            } else {
              initState();
            }
            return null;
          });
      stateLoaded = true;
    }
    AtomicInteger n = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            options.threads(),
            options.threads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(options.queueCapacity()),
            r -> {
              Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      // without TCP_NODELAY every request after the first on a kept-alive connection waits ~40 ms
      // (Nagle's algorithm against delayed ACKs), which distorts every benchmark against the sandbox
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      server = HttpServer.create(new InetSocketAddress(loopback(), options.port()), 0);
    } catch (IOException e) {
      executor.shutdownNow();
      executor = null;
      throw new UncheckedIOException("cannot bind " + name + " emulator", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops serving and saves the state. Idempotent; a stopped server can be started again. */
  public final synchronized void stop() {
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    server = null;
    executor = null;
    persistNow();
  }

  @Override
  public void close() {
    stop();
  }

  /** {@code http://127.0.0.1:PORT} of the running server. */
  public final synchronized URI baseUri() {
    if (server == null) {
      throw new IllegalStateException(name + " emulator is not running");
    }
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Runtime fault knobs. */
  public final Faults faults() {
    return faults;
  }

  /** Request accounting. */
  public final RequestLog requestLog() {
    return requestLog;
  }

  /** Runs an action on the state with the state lock held (for seeding and inspection). */
  public final <T> T withStateLock(Supplier<T> action) {
    stateLock.lock();
    try {
      return action.get();
    } finally {
      stateLock.unlock();
    }
  }

  /** Saves the state now (no-op for non-durable stores except the in-memory copy). */
  protected final void persistNow() {
    withStateLock(
        () -> {
          options.store().save(exportState());
          return null;
        });
  }

  /** Marks an object as just created, for the not-found-after-create window. */
  protected final void recordCreated(String key) {
    if (!faults.notFoundAfterCreate().isZero()) {
      createdAtNanos.put(key, System.nanoTime());
    }
  }

  /** True while the object is inside its not-found-after-create window. */
  protected final boolean hiddenAfterCreate(String key) {
    Long at = createdAtNanos.get(key);
    if (at == null) {
      return false;
    }
    Duration window = faults.notFoundAfterCreate();
    if (System.nanoTime() - at < window.toNanos()) {
      return true;
    }
    createdAtNanos.remove(key);
    return false;
  }

  private void handle(HttpExchange ex) {
    long t0 = System.nanoTime();
    Instant at = Instant.now();
    String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = ex.getRequestURI().getPath();
    String endpoint = method + " " + UNMATCHED;
    boolean injected = false;
    ApiResponse response;
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      ApiRequest req = new ApiRequest(method, path, ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
      Optional<Router.Match> match = router.match(method, path);
      if (match.isPresent()) {
        req.matched(match.get().route().template(), match.get().params());
        endpoint = endpointKey(match.get(), req);
      }
      long latency = faults.latency().toMillis();
      if (latency > 0) {
        Thread.sleep(latency);
      }
      Optional<Faults.Fault> fault = faults.decide(method, path);
      if (fault.isPresent()) {
        injected = true;
        response = errors().injected(fault.get()).toResponse();
      } else if (match.isEmpty()) {
        response = errors().routeNotFound(method, path).toResponse();
      } else {
        response = dispatch(match.get().route(), req);
      }
    } catch (HttpError e) {
      response = e.toResponse();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response = errors().internal(e).toResponse();
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, name + " emulator failed on " + method + " " + path, e);
      response = errors().internal(e).toResponse();
    }
    // Recorded before the answer is written, so a client that has its answer sees it counted.
    requestLog.record(
        new RequestLog.Entry(at, endpoint, path, response.status(), Duration.ofNanos(System.nanoTime() - t0), injected));
    try {
      write(ex, response);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "client went away", e);
    } finally {
      ex.close();
    }
  }

  /**
   * The accounting key of a matched request; {@code "METHOD /template"} unless an emulator whose
   * routes are coarser than its operations (one path for every operation, or a catch-all path)
   * names them better. Called before authentication, without the state lock.
   */
  protected String endpointKey(Router.Match match, ApiRequest request) {
    return match.route().endpoint();
  }

  private ApiResponse dispatch(Router.Route route, ApiRequest req) {
    if (!route.open()) {
      authenticate(req);
    }
    stateLock.lock();
    try {
      ApiResponse r;
      try {
        r = route.handler().handle(req);
      } catch (HttpError e) {
        return e.toResponse();
      }
      if (req.isMutating() && r.status() < 400 && options.store().durable()) {
        options.store().save(exportState());
      }
      return r;
    } finally {
      stateLock.unlock();
    }
  }

  private static void write(HttpExchange ex, ApiResponse r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    byte[] raw = r.rawBody();
    if ((r.body() == null && raw == null) || ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
      // a HEAD answer has no body (its Content-Length, if any, was set by the handler)
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    if (raw != null) {
      ex.sendResponseHeaders(r.status(), raw.length == 0 ? -1 : raw.length);
      if (raw.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(raw);
        }
      }
      return;
    }
    byte[] bytes = Json.bytes(r.body());
    if (!r.headers().containsKey("Content-Type")) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(r.status(), bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }
}
