package dev.lockstep.provider.kubernetes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Wraps the mock server's dispatcher with what its CRUD mode lacks or gets wrong, so that it
 * answers as the API server does:
 * <ul>
 * <li>LIST pagination: a GET whose answer is a list and that carries {@code limit} gets at most
 * that many items, from the offset its {@code continue} token names, and a {@code continue} token
 * when more remain.</li>
 * <li>JSON merge patches (RFC 7386): the mock merges with Jackson's updating reader, which
 * appends to arrays and stores nulls instead of removing keys. A merge patch is therefore
 * applied here and sent on as a PUT of the result, which keeps the mock's resourceVersion
 * check (409 on a stale version). Expectations set for a PATCH still answer first.</li>
 * </ul>
 * It also records every request line it sees.
 */
public final class PagingDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher delegate;
    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    public PagingDispatcher(Dispatcher delegate, Map<ServerRequest, Queue<ServerResponse>> expectations) {
        this.delegate = delegate;
        this.expectations = expectations;
    }

    /** "METHOD /path?query" of every request so far. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        if ("PATCH".equals(request.getMethod()) && String.valueOf(request.getHeader("Content-Type"))
                .contains("merge-patch") && !expected(request)) {
            return mergePatch(request);
        }
        MockResponse response = delegate.dispatch(request);
        if (!"GET".equals(request.getMethod()) || response == null || response.code() != 200) {
            return response;
        }
        HttpUrl url = HttpUrl.parse("http://localhost" + request.getPath());
        String limit = url.queryParameter("limit");
        if (limit == null || response.getBody() == null) {
            return response;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(response.getBody().getBytes(), Map.class);
            if (!(body.get("items") instanceof List<?> items)) {
                return response;
            }
            String token = url.queryParameter("continue");
            int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
            int n = Integer.parseInt(limit);
            int to = Math.min(items.size(), from + n);
            body.put("items", new ArrayList<>(items.subList(Math.min(from, items.size()), to)));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) body.computeIfAbsent("metadata",
                    k -> new java.util.LinkedHashMap<>());
            if (to < items.size()) {
                meta.put("continue", String.valueOf(to));
            } else {
                meta.remove("continue");
            }
            return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(body));
        } catch (java.io.IOException | NumberFormatException e) {
            return response;
        }
    }

    private boolean expected(RecordedRequest request) {
        Queue<ServerResponse> q = expectations.get(new SimpleRequest(HttpMethod.PATCH, request.getPath()));
        return q != null && !q.isEmpty();
    }

    private MockResponse mergePatch(RecordedRequest request) {
        String path = request.getPath();
        MockResponse current = delegate.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                request.getHeaders(), new Buffer()));
        if (current == null || current.code() != 200) {
            return current;
        }
        try {
            JsonNode merged = merge(JSON.readTree(current.getBody().getBytes()),
                    JSON.readTree(request.getBody().getBytes()));
            byte[] body = JSON.writeValueAsBytes(merged);
            return delegate.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path, request.getHeaders(),
                    new Buffer(body)));
        } catch (java.io.IOException e) {
            return new MockResponse().setResponseCode(400).setBody("{\"message\":\"bad merge patch\"}");
        }
    }

    /** RFC 7386: objects merge key by key, null removes a key, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JSON.createObjectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
            }
        });
        return out;
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
