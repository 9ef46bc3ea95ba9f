package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.HttpError;
import dev.lockstep.sandbox.http.Json;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What every API area of the emulator shares: the state, identity and ACL services, settings, the
 * clock, randomness for ids, and helpers to read request fields with Databricks-style errors.
 */
final class Ctx {
    final DatabricksState state;
    final Principals principals;
    final Acls acls;
    final WorkspaceSettings config;
    final SecureRandom random = new SecureRandom();
    private final Predicate<String> hidden;
    private final java.util.function.Consumer<String> created;

    Ctx(DatabricksState state, WorkspaceSettings config, Predicate<String> hidden, java.util.function.Consumer<String> created) {
        this.state = state;
        this.config = config;
        this.principals = new Principals(state);
        this.acls = new Acls(state, principals);
        this.hidden = hidden;
        this.created = created;
    }

    long now() {
        return config.clock().millis();
    }

    Caller caller(ApiRequest r) {
        return r.principal(Caller.class);
    }

    boolean isAdmin(ApiRequest r) {
        return principals.isAdmin(caller(r));
    }

    ObjectNode body(ApiRequest r) {
        return r.jsonObject(DatabricksErrors::malformed);
    }

    /** Marks a new object for the not-found-after-create window. */
    void created(String key) {
        created.accept(key);
    }

    /** True while a new object is still invisible to reads. */
    boolean hidden(String key) {
        return hidden.test(key);
    }

    static String requireText(JsonNode body, String field) {
        String v = Json.text(body, field);
        if (v == null || v.isEmpty()) {
            throw DatabricksErrors.invalid("Missing required field: " + field);
        }
        return v;
    }

    static String requireQuery(ApiRequest r, String name) {
        return r.queryParam(name).filter(s -> !s.isEmpty())
                .orElseThrow(() -> DatabricksErrors.invalid("Missing required field: " + name));
    }

    static long requireLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw DatabricksErrors.invalid("Missing required field: " + field);
        }
        return parseLong(v.asText(), field);
    }

    static long parseLong(String v, String field) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw DatabricksErrors.invalid("Invalid value for " + field + ": '" + v + "' is not an integer");
        }
    }

    String randomAlnum(int n) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    String randomHex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** "PENDING" as messages spell it: "Pending". */
    static String pretty(String state) {
        String s = state.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static HttpError denied(String what) {
        return DatabricksErrors.permissionDenied(what);
    }
}
