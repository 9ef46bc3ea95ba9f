package dev.lockstep.provider.databricks.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON documents held in string attributes (a cluster policy's definition) in one canonical
 * spelling (sorted keys, no whitespace), so that reformatting or reordering never shows as a change.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private CanonicalJson() {
    }

    /** The canonical text of {@code json}, or null when it is not valid JSON. */
    public static String canonical(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            Object plain = MAPPER.treeToValue(n, Object.class);
            return MAPPER.writeValueAsString(plain);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
