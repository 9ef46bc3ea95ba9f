package dev.lockstep.state.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.ResourceInstance;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One resource instance as JSON (format version 1), shared by the state file and the journal.
 * The redundant {@code mode}, {@code type}, {@code name} and {@code index_key} fields make the file
 * readable and are checked against {@code address} on read, which catches a hand edit of one but
 * not the other.
 */
public final class ResourceJson {

    private ResourceJson() {
    }

    /**
     * Writes {@code r}. Refuses (IllegalArgumentException) an instance that would put a secret in
     * the file: a sensitive-marked value that is not null, or a value where a secret hash is
     * recorded; and one holding an unknown value.
     */
    public static void write(ResourceInstance r, JsonGenerator g) throws IOException {
        Value attrs = r.attributes();
        TreeMap<AttributePath, String> sensitive = new TreeMap<>(r.secretHashes());
        try {
            for (AttributePath p : Marks.paths(attrs)) {
                sensitive.putIfAbsent(p, null);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.address() + ": " + e.getMessage(), e);
        }
        for (AttributePath p : r.secretHashes().keySet()) {
            Value at = p.get(attrs);
            if (at != null && !at.isNull()) {
                throw new IllegalArgumentException(r.address() + ": refusing to record a value at " + p
                        + ", which has a secret hash: the value there must be null");
            }
        }
        ResourceAddress a = r.address();
        g.writeStartObject();
        g.writeStringField("address", a.toString());
        g.writeStringField("mode", a.mode() == ResourceMode.DATA ? "data" : "managed");
        g.writeStringField("type", a.type());
        g.writeStringField("name", a.name());
        g.writeFieldName("index_key");
        if (a.key() instanceof InstanceKey.Int i) {
            g.writeNumber(i.value());
        } else if (a.key() instanceof InstanceKey.Str s) {
            g.writeString(s.value());
        } else {
            g.writeNull();
        }
        g.writeStringField("provider", r.provider());
        g.writeNumberField("schema_version", r.schemaVersion());
        g.writeStringField("id", r.id());
        g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT));
        g.writeFieldName("attributes_type");
        TypeJson.write(attrs.type(), g);
        g.writeFieldName("attributes");
        try {
            ValueJson.write(attrs, g);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.address() + ": " + e.getMessage(), e);
        }
        g.writeObjectFieldStart("sensitive_paths");
        for (Map.Entry<AttributePath, String> e : sensitive.entrySet()) {
            g.writeStringField(e.getKey().toString(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("dependencies");
        for (String d : r.dependencies()) {
            g.writeString(d);
        }
        g.writeEndArray();
        g.writeStringField("created_at", r.createdAt() == null ? null : r.createdAt().toString());
        g.writeStringField("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
        g.writeEndObject();
    }

    /** Reads an instance written by {@link #write}. */
    public static ResourceInstance read(JsonNode n) throws FormatException {
        if (!n.isObject()) {
            throw new FormatException("", "expected a resource object, found " + TypeJson.describe(n));
        }
        String text = Nodes.text(n, "address");
        ResourceAddress address;
        try {
            address = ResourceAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException("address", e.getMessage());
        }
        checkConsistent(n, address);
        String provider = Nodes.text(n, "provider");
        int schemaVersion = Nodes.smallInteger(n, "schema_version");
        String id = Nodes.textOrNull(n, "id");
        ResourceInstance.Status status = status(Nodes.text(n, "status"));
        JsonNode typeNode = Nodes.field(n, "attributes_type");
        JsonNode attrsNode = Nodes.field(n, "attributes");
        Type type;
        try {
            type = TypeJson.read(typeNode);
        } catch (FormatException e) {
            throw e.under("attributes_type");
        }
        Value attrs;
        try {
            attrs = ValueJson.read(attrsNode, type);
        } catch (FormatException e) {
            throw e.under("attributes");
        }
        Map<AttributePath, String> hashes = new TreeMap<>();
        JsonNode sp = Nodes.object(n, "sensitive_paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = sp.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            AttributePath p;
            try {
                p = AttributePath.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new FormatException("sensitive_paths", "bad attribute path \"" + e.getKey() + "\"");
            }
            if (e.getValue().isTextual()) {
                hashes.put(p, e.getValue().textValue());
            } else if (!e.getValue().isNull()) {
                throw new FormatException("sensitive_paths." + e.getKey(), "expected a hash string or null");
            }
            attrs = Marks.markAt(attrs, p);
        }
        List<String> deps = new ArrayList<>();
        JsonNode dn = Nodes.array(n, "dependencies");
        for (int i = 0; i < dn.size(); i++) {
            if (!dn.get(i).isTextual()) {
                throw new FormatException("dependencies[" + i + "]", "expected an address string");
            }
            deps.add(dn.get(i).textValue());
        }
        Instant created = Nodes.instantOrNull(n, "created_at");
        Instant updated = Nodes.instantOrNull(n, "updated_at");
        return new ResourceInstance(address, provider, schemaVersion, id, attrs, hashes, deps, status, created, updated);
    }

    private static void checkConsistent(JsonNode n, ResourceAddress a) throws FormatException {
        String mode = Nodes.text(n, "mode");
        if (!mode.equals(a.mode() == ResourceMode.DATA ? "data" : "managed")) {
            throw new FormatException("mode", "\"" + mode + "\" does not match the address " + a);
        }
        if (!Nodes.text(n, "type").equals(a.type())) {
            throw new FormatException("type", "does not match the address " + a);
        }
        if (!Nodes.text(n, "name").equals(a.name())) {
            throw new FormatException("name", "does not match the address " + a);
        }
        JsonNode k = Nodes.field(n, "index_key");
        boolean ok;
        if (a.key() instanceof InstanceKey.Int i) {
            ok = k.isIntegralNumber() && k.canConvertToInt() && k.intValue() == i.value();
        } else if (a.key() instanceof InstanceKey.Str s) {
            ok = k.isTextual() && k.textValue().equals(s.value());
        } else {
            ok = k.isNull();
        }
        if (!ok) {
            throw new FormatException("index_key", "does not match the address " + a);
        }
    }

    private static ResourceInstance.Status status(String s) throws FormatException {
        for (ResourceInstance.Status st : ResourceInstance.Status.values()) {
            if (st.name().toLowerCase(Locale.ROOT).equals(s)) {
                return st;
            }
        }
        throw new FormatException("status", "unknown status \"" + s + "\" (expected ready, pending_create or tainted)");
    }
}
