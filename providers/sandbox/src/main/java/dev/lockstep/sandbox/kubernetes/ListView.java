package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists with complete label selectors, a stable order (namespace, then name) and limit/continue
 * paging, on top of what the CRUD mock returns for the collection.
 */
final class ListView {
    private ListView() {}

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The list answer for a collection path and its query. */
    static MockResponse list(PersistentCrudDispatcher crud, String path, Map<String, List<String>> query) {
        String selectorText = first(query, "labelSelector").orElse("").trim();
        LabelSelector selector;
        try {
            selector = selectorText.isEmpty() ? null : LabelSelector.parse(selectorText);
        } catch (IllegalArgumentException e) {
            return Statuses.badRequest(e.getMessage());
        }
        long limit;
        try {
            limit = Long.parseLong(first(query, "limit").orElse("0"));
        } catch (NumberFormatException e) {
            return Statuses.badRequest("invalid limit");
        }
        StringBuilder rest = new StringBuilder();
        first(query, "fieldSelector").ifPresent(f -> rest.append("?fieldSelector=")
                .append(java.net.URLEncoder.encode(f, StandardCharsets.UTF_8)));
        MockResponse base = crud.handleCollectionGet(path + rest);
        if (base.code() != 200) {
            return base;
        }
        ObjectNode list;
        try {
            JsonNode parsed = Json.parse(base.getBody().getBytes());
            if (!parsed.isObject() || !parsed.path("items").isArray()) {
                return base;
            }
            list = (ObjectNode) parsed;
        } catch (IOException e) {
            return base;
        }
        List<JsonNode> items = new java.util.ArrayList<>();
        list.path("items").forEach(items::add);
        if (selector != null) {
            items.removeIf(i -> !selector.matches(labels(i)));
        }
        items.sort(Comparator.comparing(ListView::key));
        String listRv = list.path("metadata").path("resourceVersion").asText("");
        Optional<String> cont = first(query, "continue").filter(s -> !s.isEmpty());
        if (cont.isPresent()) {
            String start;
            try {
                JsonNode token = Json.parse(Base64.getUrlDecoder().decode(cont.get()));
                start = token.path("start").asText();
            } catch (IOException | IllegalArgumentException e) {
                return Statuses.badRequest("continue key is not valid: " + e.getMessage());
            }
            items.removeIf(i -> key(i).compareTo(start) < 0);
        }
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", listRv);
        if (limit > 0 && items.size() > limit) {
            List<JsonNode> page = items.subList(0, (int) limit);
            String next = key(items.get((int) limit));
            ObjectNode token = Json.object();
            token.put("v", "meta.k8s.io/v1");
            token.put("rv", listRv.isEmpty() ? 0 : Long.parseLong(listRv));
            token.put("start", next);
            metadata.put("continue", Base64.getUrlEncoder().encodeToString(Json.bytes(token)));
            metadata.put("remainingItemCount", items.size() - limit);
            items = page;
        }
        ArrayNode out = list.putArray("items");
        items.forEach(out::add);
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(new String(Json.bytes(list), StandardCharsets.UTF_8));
    }

    private static String key(JsonNode item) {
        JsonNode m = item.path("metadata");
        return m.path("namespace").asText("") + "/" + m.path("name").asText("");
    }

    private static Map<String, String> labels(JsonNode item) {
        Map<String, String> out = new java.util.HashMap<>();
        item.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
