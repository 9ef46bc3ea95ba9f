package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.RequestLog;
import dev.lockstep.sandbox.SandboxFileException;
import dev.lockstep.sandbox.http.StateStore;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.local.SecureFiles;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.vertx.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API server for the sandbox: fabric8's {@link KubernetesMockServer} in CRUD mode on
 * 127.0.0.1 (plain HTTP, no authentication), whose objects are loaded from a {@link StateStore} at
 * start and saved after every successful POST, PUT, PATCH and DELETE, with the same fault knobs
 * and request accounting as the other emulators, and a kubeconfig file pointing at it.
 *
 * <p>What the wrapper adds to the mock, and what it cannot do, is listed in {@code
 * docs/sandbox-kubernetes.md}; in short: optimistic concurrency (409 on a stale resourceVersion for
 * PUT and merge patch) is the mock's own, complete label selectors and limit/continue paging are the
 * wrapper's, and there is no server-side apply, strategic merge patch, admission or garbage
 * collection beyond namespace deletion.
 */
public final class SandboxKubernetes implements AutoCloseable {
  /** Namespaces a new sandbox starts with, as a new cluster has them. */
  public static final List<String> DEFAULT_NAMESPACES = List.of("default", "kube-node-lease", "kube-public", "kube-system");

  // The mock logs every request at INFO through java.util.logging; keep the logger strongly reachable.
  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  /** Server settings: port (0 = ephemeral), where objects persist, where to write a kubeconfig (or null). */
  public record Options(int port, StateStore store, Path kubeconfig, int logCapacity) {
    /** Ephemeral port, in-memory state, no kubeconfig, 100,000 log entries. */
    public static Options defaults() {
      return new Options(0, StateStore.inMemory(), null, 100_000);
    }

    /** Same options with another port. */
    public Options withPort(int p) {
      return new Options(p, store, kubeconfig, logCapacity);
    }

    /** Same options with another store. */
    public Options withStore(StateStore s) {
      return new Options(port, s, kubeconfig, logCapacity);
    }

    /** Same options, writing a kubeconfig to this file at every start. */
    public Options withKubeconfig(Path file) {
      return new Options(port, store, file, logCapacity);
    }
  }

  private final Options options;
  private final Faults faults = new Faults();
  private final RequestLog requestLog;
  private PersistentCrudDispatcher crud;
  private SandboxDispatcher dispatcher;
  private volatile KubernetesMockServer server;

  /** A sandbox with default options. */
  public SandboxKubernetes() {
    this(Options.defaults());
  }

  /** A sandbox with the given options. */
  public SandboxKubernetes(Options options) {
    this.options = options;
    this.requestLog = new RequestLog(options.logCapacity());
  }

  /** Loads the saved objects (or creates the default namespaces) and starts serving. Idempotent. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    crud = new PersistentCrudDispatcher();
    Optional<JsonNode> saved = options.store().load();
    if (saved.isPresent()) {
      try {
        importState(saved.get());
      } catch (RuntimeException e) {
        throw options.store().unusable(e);
      }
    } else {
      DEFAULT_NAMESPACES.forEach(this::bootstrapNamespace);
    }
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    dispatcher = new SandboxDispatcher(crud, expectations, faults, requestLog, this::saveIfDurable, this::drainRecordedRequests);
    MockWebServer web = new MockWebServer();
    web.setHttp2ClearTextEnabled(false);
    web.setProtocols(List.of(Protocol.HTTP_1_1));
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, expectations, dispatcher, false);
    server.init(loopback(), options.port());
    if (options.kubeconfig() != null) {
      writeKubeconfig(options.kubeconfig());
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops serving and saves every object. Idempotent; a stopped sandbox can be started again. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.destroy();
    server = null;
    save();
  }

  @Override
  public void close() {
    stop();
  }

  /** {@code http://127.0.0.1:PORT} of the running server. */
  public synchronized URI baseUri() {
    if (server == null) {
      throw new IllegalStateException("kubernetes sandbox is not running");
    }
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  /** Runtime fault knobs (latency, 429 bursts and windows, 5xx rate, per-path rate limits). */
  public Faults faults() {
    return faults;
  }

  /** Request accounting, keyed like {@code "GET /api/v1/namespaces/{namespace}/secrets/{name}"}. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** Number of stored objects (default namespaces included). */
  public synchronized int objectCount() {
    return crud == null ? 0 : crud.size();
  }

  /**
   * Creates an object as a POST to {@code collectionPath} would (e.g. {@code
   * /api/v1/namespaces/team/secrets}), without fault injection or accounting; returns the stored
   * object. Throws IllegalArgumentException with the Status message when the server refuses it.
   */
  public String create(String collectionPath, String objectJson) {
    MockResponse r = requireDispatcher().seed("POST", collectionPath, objectJson);
    String body = r.getBody() == null ? "" : r.getBody().readUtf8();
    if (r.code() >= 400) {
      throw new IllegalArgumentException("create refused with " + r.code() + ": " + body);
    }
    return body;
  }

  private synchronized SandboxDispatcher requireDispatcher() {
    if (dispatcher == null) {
      throw new IllegalStateException("kubernetes sandbox has not been started");
    }
    return dispatcher;
  }

  /**
   * Writes a kubeconfig (context {@code lockstep-sandbox}, namespace {@code default}, a dummy
   * bearer token) pointing at this server, by temp file and atomic rename; returns the file.
   */
  public Path writeKubeconfig(Path file) {
    String yaml = "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: lockstep-sandbox\n"
        + "  cluster:\n"
        + "    server: " + baseUri() + "\n"
        + "contexts:\n"
        + "- name: lockstep-sandbox\n"
        + "  context:\n"
        + "    cluster: lockstep-sandbox\n"
        + "    namespace: default\n"
        + "    user: lockstep-sandbox\n"
        + "current-context: lockstep-sandbox\n"
        + "preferences: {}\n"
        + "users:\n"
        + "- name: lockstep-sandbox\n"
        + "  user:\n"
        + "    token: lockstep-sandbox\n";
    try {
      SecureFiles.writeAtomically(file, yaml.getBytes(StandardCharsets.UTF_8), false);
      return file;
    } catch (IOException e) {
      throw new SandboxFileException("Unusable sandbox directory", file, null,
          "cannot write the kubeconfig: " + FileProblem.reason(e),
          "Make its directory writable, or choose another sandbox directory with LOCKSTEP_SANDBOX_DIR.", e);
    }
  }

  private void bootstrapNamespace(String name) {
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ObjectNode meta = ns.putObject("metadata");
    meta.put("name", name);
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    meta.put("resourceVersion", String.valueOf(crud.requestResourceVersion()));
    meta.putObject("labels").put("kubernetes.io/metadata.name", name);
    ns.putObject("spec").putArray("finalizers").add("kubernetes");
    ns.putObject("status").put("phase", "Active");
    crud.load("/api/v1/namespaces", new String(Json.bytes(ns), StandardCharsets.UTF_8));
  }

  private void importState(JsonNode saved) {
    List<JsonNode> crds = new ArrayList<>();
    List<JsonNode> others = new ArrayList<>();
    saved.path("objects").forEach(o -> (o.path("object").path("kind").asText().equals("CustomResourceDefinition")
        ? crds : others).add(o));
    for (List<JsonNode> batch : List.of(crds, others)) {
      for (JsonNode o : batch) {
        crud.load(o.path("path").asText(), new String(Json.bytes(o.path("object")), StandardCharsets.UTF_8));
      }
    }
    crud.advanceResourceVersion(saved.path("resourceVersion").asLong(0));
  }

  private JsonNode exportState() {
    ObjectNode o = Json.object();
    o.put("version", 1);
    o.put("resourceVersion", crud.lastResourceVersion());
    o.set("objects", crud.export());
    return o;
  }

  /** Called by the dispatcher after each successful mutation, inside its write lock. */
  private void saveIfDurable() {
    if (options.store().durable()) {
      options.store().save(exportState());
    }
  }

  private synchronized void save() {
    if (crud != null) {
      options.store().save(exportState());
    }
  }

  /** The mock queues every request it receives for takeRequest(); drop them so memory stays flat. */
  private void drainRecordedRequests() {
    KubernetesMockServer s = server;
    if (s == null) {
      return;
    }
    try {
      while (s.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
