package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One parsed HTTP request as a handler sees it: method, decoded path, path parameters from the
 * route template, multi-valued query, case-insensitive headers, raw body, and the principal that
 * the emulator's authenticator attached.
 */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private Map<String, String> pathParams = Map.of();
    private String routeTemplate;
    private Object principal;
    private JsonNode parsedBody;

    /** Builds a request; {@code rawQuery} is the undecoded query string or null. */
    public ApiRequest(
            String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(rawQuery);
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? new byte[0] : body;
    }

    /** Parses {@code a=1&b=x%20y&a=2} into an ordered multimap. */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.computeIfAbsent(decode(k), x -> new ArrayList<>()).add(decode(v));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** HTTP method in upper case. */
    public String method() {
        return method;
    }

    /** Decoded request path without the query. */
    public String path() {
        return path;
    }

    /** The matched route template, e.g. {@code GET /api/2.1/clusters/get}'s path part. */
    public String routeTemplate() {
        return routeTemplate;
    }

    void matched(String template, Map<String, String> params) {
        this.routeTemplate = template;
        this.pathParams = Map.copyOf(params);
    }

    /** A path parameter captured by a {@code {name}} segment. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The whole query multimap. */
    public Map<String, List<String>> query() {
        return query;
    }

    /** First value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** All values of a query parameter (repeated keys), never null. */
    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** First value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The names of the headers received, in lower case. */
    public java.util.SortedSet<String> headerNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        headers.keySet().forEach(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    /** Every value of a header, case-insensitively, in the order received; never null. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** Raw body bytes (empty when none). */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as a JSON object; an empty body reads as {@code {}}. Malformed JSON or a non-object
     * becomes the error produced by {@code onMalformed}.
     */
    public ObjectNode jsonObject(Function<String, HttpError> onMalformed) {
        if (parsedBody == null) {
            if (body.length == 0) {
                parsedBody = Json.object();
            } else {
                try {
                    parsedBody = Json.parse(body);
                } catch (JsonProcessingException e) {
                    throw onMalformed.apply("Malformed JSON request body: " + e.getOriginalMessage());
                } catch (IOException e) {
                    throw onMalformed.apply("Unreadable request body: " + e.getMessage());
                }
            }
        }
        if (!parsedBody.isObject()) {
            throw onMalformed.apply("Request body must be a JSON object");
        }
        return (ObjectNode) parsedBody;
    }

    /** Attaches the authenticated principal (emulator-specific type). */
    public void principal(Object principal) {
        this.principal = principal;
    }

    /** The authenticated principal, cast to the emulator's type. */
    public <T> T principal(Class<T> type) {
        return type.cast(principal);
    }

    /** True for methods that may change state (everything but GET and HEAD). */
    public boolean isMutating() {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
