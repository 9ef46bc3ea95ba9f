package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.RequestLog;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * The dispatcher the mock server calls for every request. Around fabric8's CRUD dispatcher it adds
 * fault injection and request accounting (the shared {@link Faults} and {@link RequestLog}),
 * persistence after each successful mutation, complete label selectors with {@code limit}/{@code
 * continue} paging on lists, namespace existence on create and cascading namespace deletion,
 * delete preconditions, API-server defaults on Secrets (stringData folded into data, type Opaque)
 * and Namespaces ({@link Defaults}), the API server's validation of Secrets, ConfigMaps and Leases
 * ({@link ObjectRules}), its two kinds of 409 ({@link Conflicts}), and {@code Status} bodies where
 * the mock answers 404 without one.
 */
final class SandboxDispatcher extends Dispatcher {
  private static final System.Logger LOG = System.getLogger(SandboxDispatcher.class.getName());

  private final PersistentCrudDispatcher crud;
  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final MockDispatcher expectationDispatcher;
  private final Faults faults;
  private final RequestLog log;
  private final Runnable afterMutation;
  private final Runnable afterRequest;
  private final Object writeLock = new Object();

  SandboxDispatcher(PersistentCrudDispatcher crud, Map<ServerRequest, Queue<ServerResponse>> expectations,
      Faults faults, RequestLog log, Runnable afterMutation, Runnable afterRequest) {
    this.crud = crud;
    this.expectations = expectations;
    this.expectationDispatcher = new MockDispatcher(expectations);
    this.faults = faults;
    this.log = log;
    this.afterMutation = afterMutation;
    this.afterRequest = afterRequest;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    long t0 = System.nanoTime();
    Instant at = Instant.now();
    String method = request.getMethod();
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    Map<String, List<String>> query = ApiRequest.parseQuery(q < 0 ? null : full.substring(q + 1));
    ApiPath p = ApiPath.parse(path);
    boolean watch = first(query, "watch").map(v -> v.equals("true") || v.equals("1")).orElse(false);
    String endpoint = method + " " + p.template() + (watch ? " (watch)" : "");
    MockResponse r;
    boolean injected = false;
    try {
      Optional<Faults.Fault> fault = faults.decide(method, path);
      if (fault.isPresent()) {
        injected = true;
        r = injected(fault.get());
      } else {
        r = handle(request, method, path, query, p, watch);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "kubernetes sandbox failed on " + method + " " + full, e);
      r = Statuses.status(500, "InternalError", "sandbox error: " + e.getClass().getSimpleName(), null);
    }
    if (r == null) {
      r = Statuses.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
    }
    Duration latency = faults.latency();
    if (r.getWebSocketListener() == null) {
      if (r.getBody() == null || r.getBody().size() == 0) {
        r.setBody("{}");
      }
      if (r.getHeaders().get("Content-Type") == null) {
        r.setHeader("Content-Type", "application/json");
      }
      if (!latency.isZero()) {
        // Delayed on the server's timer, not by blocking its event loop.
        r.setBodyDelay(latency);
      }
    }
    log.record(new RequestLog.Entry(at, endpoint, path, r.code(), Duration.ofNanos(System.nanoTime() - t0).plus(latency),
        injected));
    afterRequest.run();
    return r;
  }

  private static Optional<String> first(Map<String, List<String>> query, String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  private static MockResponse injected(Faults.Fault f) {
    return switch (f.status()) {
      case 429 -> {
        ObjectNode d = Json.object();
        d.put("retryAfterSeconds", f.retryAfterSeconds());
        yield Statuses.status(429, "TooManyRequests", "Too many requests, please try again later.", d)
            .setHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
      }
      case 503 -> Statuses.status(503, "ServiceUnavailable", "the server is currently unable to handle the request ("
          + f.reason() + ")", null);
      default -> Statuses.status(500, "InternalError", "an error on the server (" + f.reason()
          + ") has prevented the request from succeeding", null);
    };
  }

  private MockResponse handle(RecordedRequest request, String method, String path, Map<String, List<String>> query,
      ApiPath p, boolean watch) {
    Queue<ServerResponse> expected = expectations.get(new SimpleRequest(HttpMethod.valueOf(method), request.getPath()));
    if (expected != null && !expected.isEmpty()) {
      return expectationDispatcher.dispatch(request);
    }
    if (method.equals("GET")) {
      MockResponse r = watch || !p.isCollection() ? crud.dispatch(request) : ListView.list(crud, path, query);
      return withStatusBody(r, p);
    }
    if (query.containsKey("dryRun")) {
      return Statuses.badRequest("dryRun is not supported by the lockstep sandbox");
    }
    synchronized (writeLock) {
      MockResponse r = mutate(request, method, path, p);
      if (r != null && r.code() < 400) {
        afterMutation.run();
      }
      return withStatusBody(r, p);
    }
  }

  /** A mutation for seeding: no faults, no accounting, same checks, defaults and persistence. */
  MockResponse seed(String method, String path, String body) {
    RecordedRequest req = new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(method), path,
        io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    ApiPath p = ApiPath.parse(path);
    synchronized (writeLock) {
      MockResponse r = mutate(req, method, path, p);
      if (r != null && r.code() < 400) {
        afterMutation.run();
      }
      return withStatusBody(r, p);
    }
  }

  private MockResponse mutate(RecordedRequest request, String method, String path, ApiPath p) {
    if (method.equals("POST") && p.namespace() != null && p.isCollection() && !namespaceExists(p.namespace())) {
      return Statuses.notFound(new ApiPath("", "v1", null, "namespaces", p.namespace(), null, ""));
    }
    RecordedRequest effective = request;
    if (p.isResource() && p.subresource() == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      effective = Defaults.apply(request, p);
    }
    if (method.equals("DELETE") && p.name() != null) {
      MockResponse refused = checkPreconditions(request, path, p);
      if (refused != null) {
        return refused;
      }
    }
    if (method.equals("PATCH") && p.isResource() && p.subresource() == null && isMergePatch(request)) {
      return Conflicts.normalize(mergePatch(effective, path, p), p, null);
    }
    if (ObjectRules.applies(p) && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      MockResponse refused = validate(effective, method, path, p);
      if (refused != null) {
        return refused;
      }
    }
    MockResponse r = Conflicts.normalize(crud.dispatch(effective), p, effective);
    if (method.equals("PATCH") && r != null && r.code() == 202) {
      // the mock answers a JSON patch with 202 Accepted; the API server answers 200 OK
      r.setResponseCode(200);
    }
    if (method.equals("DELETE") && r != null && r.code() == 200 && "namespaces".equals(p.resource())
        && p.group().isEmpty() && p.name() != null && p.subresource() == null) {
      crud.removeNamespaceContents(p.name());
    }
    return r;
  }

  private static boolean isMergePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/merge-patch+json");
  }

  /**
   * A JSON merge patch as RFC 7386 defines it, which the API server follows: objects merge key by
   * key, a null removes the key, and anything else (lists included) replaces. The mock merges with
   * Jackson's updating reader instead, which appends to lists and keeps nulls, so the patch is
   * applied here and the result stored with a PUT; the PUT keeps the mock's resourceVersion check
   * (a patch that carries a stale metadata.resourceVersion answers 409).
   */
  private MockResponse mergePatch(RecordedRequest request, String path, ApiPath p) {
    MockResponse current = crud.handleGet(path);
    if (current.code() != 200) {
      return current;
    }
    JsonNode patch;
    JsonNode target;
    try {
      patch = Json.parse(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
      target = Json.parse(current.getBody().getBytes());
    } catch (IOException e) {
      return Statuses.badRequest("invalid merge patch: " + e.getMessage());
    }
    if (patch == null || !patch.isObject()) {
      return Statuses.badRequest("a merge patch on an object must be a JSON object");
    }
    JsonNode merged = mergePatch(target, patch);
    if (ObjectRules.applies(p) && sameVersion(target, merged)) {
      MockResponse refused = ObjectRules.check(p, target, merged);
      if (refused != null) {
        return refused;
      }
    }
    return crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, request.getPath(),
        request.getHeaders(), new Buffer(Json.bytes(merged))));
  }

  /**
   * The API server's validation of a create, replace or JSON patch of a Secret, ConfigMap or Lease
   * ({@link ObjectRules}), on the object the write would store. A replace or patch that names a
   * stale resourceVersion is left to the mock, which answers 409 Conflict, as the API server checks
   * the version before it validates.
   */
  private MockResponse validate(RecordedRequest request, String method, String path, ApiPath p) {
    JsonNode body;
    try {
      body = Json.parse(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
    } catch (IOException e) {
      return null; // the mock answers a body it cannot read
    }
    if (method.equals("POST")) {
      return ObjectRules.check(p, null, body);
    }
    MockResponse current = crud.handleGet(path);
    if (current.code() != 200) {
      return null;
    }
    JsonNode stored;
    try {
      stored = Json.parse(current.getBody().getBytes());
    } catch (IOException e) {
      return null;
    }
    JsonNode next = body;
    if (method.equals("PATCH")) {
      try {
        next = io.fabric8.zjsonpatch.JsonPatch.apply(body, stored);
      } catch (RuntimeException e) {
        return null; // an invalid JSON patch: the mock's answer stands
      }
    }
    return sameVersion(stored, next) ? ObjectRules.check(p, stored, next) : null;
  }

  /** True when {@code next} names no resourceVersion or the stored one. */
  private static boolean sameVersion(JsonNode stored, JsonNode next) {
    String wanted = next == null ? "" : next.path("metadata").path("resourceVersion").asText("");
    return wanted.isEmpty() || wanted.equals(stored.path("metadata").path("resourceVersion").asText(""));
  }

  /** RFC 7386 MergePatch(target, patch). */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
    patch.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
      }
    });
    return out;
  }

  private boolean namespaceExists(String namespace) {
    return crud.handleGet("/api/v1/namespaces/" + namespace).code() == 200;
  }

  /** DeleteOptions.preconditions: uid and resourceVersion must match the stored object. */
  private MockResponse checkPreconditions(RecordedRequest request, String path, ApiPath p) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    if (body.length == 0) {
      return null;
    }
    JsonNode options;
    try {
      options = Json.parse(body);
    } catch (IOException e) {
      return Statuses.badRequest("invalid DeleteOptions: " + e.getMessage());
    }
    JsonNode pre = options.path("preconditions");
    if (!pre.isObject()) {
      return null;
    }
    MockResponse current = crud.handleGet(path);
    if (current.code() != 200) {
      return null;
    }
    JsonNode meta;
    try {
      meta = Json.parse(current.getBody().getBytes()).path("metadata");
    } catch (IOException e) {
      return null;
    }
    for (String field : List.of("resourceVersion", "uid")) {
      String wanted = pre.path(field).asText("");
      String actual = meta.path(field).asText("");
      if (!wanted.isEmpty() && !wanted.equals(actual)) {
        String label = field.equals("uid") ? "UID" : "ResourceVersion";
        return Statuses.conflict(p, "Operation cannot be fulfilled on " + p.resource() + " \"" + p.name() + "\": "
            + "Precondition failed: " + label + " in precondition: " + wanted + ", " + label + " in object meta: " + actual);
      }
    }
    return null;
  }

  private static MockResponse withStatusBody(MockResponse r, ApiPath p) {
    if (r != null && r.code() == 404 && (r.getBody() == null || r.getBody().size() == 0) && p.isResource()) {
      return Statuses.notFound(p);
    }
    return r;
  }
}
