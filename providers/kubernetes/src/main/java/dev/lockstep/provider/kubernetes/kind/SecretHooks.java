package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Values;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Secrets: {@code data} is text the provider base64-encodes, {@code binary_data} is already
 * base64; both go to the API's {@code data}. The keys that came from {@code binary_data} are
 * listed in lockstep's annotation {@code lockstep.dev/binary-data-keys} and return there on read
 * (on import: keys whose bytes are not UTF-8). Type defaults to Opaque; an immutable secret's data
 * cannot change in place.
 */
final class SecretHooks extends ImmutableDataHooks {

    static final String SA_TOKEN = "kubernetes.io/service-account-token";

    @Override
    public Map<String, Object> encode(Kind k, Value v) {
        Map<String, Object> body = k.codec().encode(k.schema(), v);
        body.remove("data");
        body.remove("binaryData");
        Map<String, Object> data = new LinkedHashMap<>();
        Value u = v.unmarkDeep();
        Values.entries(u, "data").forEach((key, x) -> {
            if (Values.present(x)) {
                data.put(key, Base64.getEncoder().encodeToString(x.asString().getBytes(StandardCharsets.UTF_8)));
            }
        });
        Values.entries(u, "binary_data").forEach((key, x) -> {
            if (Values.present(x)) {
                data.put(key, x.asString().replaceAll("\\s", ""));
            }
        });
        if (!data.isEmpty()) {
            body.put("data", data);
        }
        java.util.TreeSet<String> binaryKeys = new java.util.TreeSet<>(Values.entries(u, "binary_data").keySet());
        if (!binaryKeys.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) body.computeIfAbsent("metadata",
                    x -> new LinkedHashMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> ann = (Map<String, Object>) meta.computeIfAbsent("annotations",
                    x -> new LinkedHashMap<>());
            ann.put(LockstepKeys.BINARY_KEYS, String.join(",", binaryKeys));
        }
        return body;
    }

    @Override
    public Value decode(Kind k, Map<String, Object> json, Value prior) {
        Value base = k.codec().decode(k.schema(), json);
        Map<String, Object> raw = Json.object(json, "data");
        if (raw == null || raw.isEmpty()) {
            return base;
        }
        Set<String> binaryKeys = new HashSet<>();
        String recorded = Json.string(Json.object(Json.object(json, "metadata"), "annotations"),
                LockstepKeys.BINARY_KEYS);
        Value priorBinary = prior == null ? null : Values.attr(prior, "binary_data");
        boolean guess = recorded == null && (priorBinary == null || !priorBinary.isKnown() || priorBinary.isNull());
        if (recorded != null) {
            binaryKeys.addAll(List.of(recorded.split(",")));
        } else if (!guess) {
            binaryKeys.addAll(priorBinary.unmarkDeep().attributes().keySet());
        }
        Map<String, Value> text = new LinkedHashMap<>();
        Map<String, Value> binary = new LinkedHashMap<>();
        raw.forEach((key, b64) -> {
            String encoded = String.valueOf(b64);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                binary.put(key, Value.string(encoded));
                return;
            }
            String utf8 = utf8(bytes);
            if (binaryKeys.contains(key) || (guess && utf8 == null)) {
                binary.put(key, Value.string(encoded));
            } else {
                text.put(key, Value.string(utf8 != null ? utf8 : new String(bytes, StandardCharsets.UTF_8)));
            }
        });
        Value out = base;
        if (!text.isEmpty()) {
            out = Values.with(out, "data", Value.map(Type.STRING, text));
        }
        if (!binary.isEmpty()) {
            out = Values.with(out, "binary_data", Value.map(Type.STRING, binary));
        }
        return out;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        Value out = Defaults.fill(planned, config, "type", Value.string("Opaque"));
        Set<String> overlap = new HashSet<>(Values.entries(out, "data").keySet());
        overlap.retainAll(Values.entries(out, "binary_data").keySet());
        if (!overlap.isEmpty()) {
            diags.error("Key in both data and binary_data", "The keys " + new java.util.TreeSet<>(overlap)
                    + " appear in both data and binary_data; a secret key holds one value.", null);
        }
        for (Map.Entry<String, Value> e : Values.entries(out, "binary_data").entrySet()) {
            if (Values.present(e.getValue())) {
                try {
                    Base64.getDecoder().decode(e.getValue().asString().replaceAll("\\s", ""));
                } catch (IllegalArgumentException ex) {
                    diags.error("binary_data value is not base64", "The value of binary_data[\"" + e.getKey()
                            + "\"] must be base64-encoded (use base64encode or filebase64).", null);
                }
            }
        }
        return out;
    }

    @Override
    public void afterCreate(Waits waits, Kind k, Value planned, Map<String, Object> created, Diagnostics diags) {
        if (!SA_TOKEN.equals(Values.string(planned, "type"))
                || !Values.bool(planned, "wait_for_service_account_token", true)) {
            return;
        }
        Map<String, Object> meta = Json.object(created, "metadata");
        String ns = Json.string(meta, "namespace");
        String name = Json.string(meta, "name");
        Duration timeout = Settings.duration(Values.string(Values.attr(planned, "timeouts"), "create"),
                Duration.ofMinutes(1));
        ResourceType t = k.api();
        waits.log().info("kubernetes: waiting up to " + timeout.toSeconds() + "s for the token controller to fill "
                + t.describe(ns, name));
        boolean ok = waits.until(timeout, () -> {
            Map<String, Object> now = waits.api().get(t, ns, name);
            Map<String, Object> data = Json.object(now, "data");
            return data != null && data.get("token") != null;
        });
        if (!ok) {
            diags.error("Service account token not filled", t.describe(ns, name) + " has no token after "
                    + timeout.toSeconds() + "s. Check that the service account in the annotation "
                    + "kubernetes.io/service-account.name exists, or set wait_for_service_account_token = false.", null);
        }
    }
}
