package dev.lockstep.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.aws.SecretsManagerState.Secret;
import dev.lockstep.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * ListSecrets: MaxResults 1-100, an opaque NextToken, SortOrder by creation date (newest first
 * unless {@code asc}), IncludePlannedDeletion, and Filters on name, description, tag-key,
 * tag-value and all (prefix match; a value starting with {@code !} negates).
 */
final class ListSecrets {
    private ListSecrets() {}

    /** ListSecrets in one region. */
    static ObjectNode list(SecretsManagerState state, String region, ObjectNode in) {
        int max = in.path("MaxResults").asInt(100);
        if (max < 1 || max > 100) {
            throw AwsErrors.validation("maxResults", "Member must have value between 1 and 100");
        }
        boolean includeDeleted = in.path("IncludePlannedDeletion").asBoolean(false);
        Predicate<Secret> filter = filters(in.path("Filters"));
        Comparator<Secret> order = Comparator.comparingLong((Secret s) -> s.createdDate).thenComparing(s -> s.name);
        if (!"asc".equals(Json.text(in, "SortOrder"))) {
            order = order.reversed();
        }
        List<Secret> all = state.secrets.values().stream()
                .filter(s -> s.region.equals(region))
                .filter(s -> includeDeleted || s.deletedDate == null)
                .filter(filter)
                .sorted(order)
                .toList();
        int start = 0;
        String token = Json.text(in, "NextToken");
        if (token != null) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw AwsErrors.invalidParameter("Invalid NextToken.");
            }
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("SecretList");
        for (int i = start; i < Math.min(all.size(), start + max); i++) {
            list.add(SecretsApi.summary(all.get(i), "SecretVersionsToStages"));
        }
        if (start + max < all.size()) {
            out.put("NextToken", Base64.getEncoder().encodeToString(
                    String.valueOf(start + max).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** ListSecrets filters: name, description, tag-key, tag-value, all; prefix match, "!" negates. */
    private static Predicate<Secret> filters(JsonNode filters) {
        Predicate<Secret> all = s -> true;
        for (JsonNode f : filters) {
            String key = f.path("Key").asText();
            List<String> values = new ArrayList<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            all = all.and(s -> values.stream().anyMatch(v -> {
                boolean negate = v.startsWith("!");
                String prefix = negate ? v.substring(1) : v;
                return matches(s, key, prefix) != negate;
            }));
        }
        return all;
    }

    private static boolean matches(Secret s, String key, String prefix) {
        List<String> fields = switch (key) {
            case "name" -> List.of(s.name);
            case "description" -> s.description == null ? List.of() : List.of(s.description);
            case "tag-key" -> s.tags.stream().map(t -> t.get("Key")).toList();
            case "tag-value" -> s.tags.stream().map(t -> t.get("Value")).toList();
            case "all" -> {
                List<String> f = new ArrayList<>(List.of(s.name));
                if (s.description != null) {
                    f.add(s.description);
                }
                s.tags.forEach(t -> f.addAll(t.values()));
                yield f;
            }
            default -> throw AwsErrors.validation("filters.1.member.key",
                    "Member must satisfy enum value set: [all, name, tag-key, description, tag-value, primary-region, owning-service]");
        };
        return fields.stream().anyMatch(x -> x.startsWith(prefix));
    }
}
