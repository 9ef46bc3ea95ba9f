package dev.lockstep.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads a state document of format version 1 (after any upgrades) into a {@link State}. */
public final class StateV1Reader {

    /** The format version this reader understands. */
    public static final int VERSION = StateV1Writer.VERSION;

    private StateV1Reader() {
    }

    /** Decodes {@code doc}, whose {@code version} must be 1. */
    public static State read(JsonNode doc) throws FormatException {
        if (Nodes.integer(doc, "version") != VERSION) {
            throw new FormatException("version", "the version 1 reader was given version " + doc.get("version"));
        }
        String lineage = Nodes.text(doc, "lineage");
        if (lineage.isEmpty()) {
            throw new FormatException("lineage", "the lineage is empty");
        }
        long serial = Nodes.integer(doc, "serial");
        if (serial < 0) {
            throw new FormatException("serial", "the serial is negative");
        }
        Nodes.text(doc, "lockstep_version");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Nodes.text(doc, "hash_key"));
        } catch (IllegalArgumentException e) {
            throw new FormatException("hash_key", "not base64");
        }
        if (key.length < 16) {
            throw new FormatException("hash_key", "the key is too short (" + key.length + " bytes)");
        }
        Map<ResourceAddress, ResourceInstance> resources = new TreeMap<>();
        JsonNode rs = Nodes.array(doc, "resources");
        for (int i = 0; i < rs.size(); i++) {
            ResourceInstance r;
            try {
                r = ResourceJson.read(rs.get(i));
            } catch (FormatException e) {
                throw e.under("resources[" + i + "]");
            }
            if (resources.put(r.address(), r) != null) {
                throw new FormatException("resources[" + i + "].address", r.address() + " appears twice");
            }
        }
        Map<String, OutputValue> outputs = new LinkedHashMap<>();
        JsonNode os = Nodes.object(doc, "outputs");
        for (Iterator<Map.Entry<String, JsonNode>> it = os.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                outputs.put(e.getKey(), output(e.getValue()));
            } catch (FormatException ex) {
                throw ex.under("outputs." + e.getKey());
            }
        }
        return new State(lineage, serial, key, resources, outputs);
    }

    private static OutputValue output(JsonNode n) throws FormatException {
        if (!n.isObject()) {
            throw new FormatException("", "expected an output object, found " + TypeJson.describe(n));
        }
        JsonNode typeNode = Nodes.field(n, "type");
        JsonNode valueNode = Nodes.field(n, "value");
        Type type;
        try {
            type = TypeJson.read(typeNode);
        } catch (FormatException e) {
            throw e.under("type");
        }
        Value value;
        try {
            value = ValueJson.read(valueNode, type);
        } catch (FormatException e) {
            throw e.under("value");
        }
        boolean sensitive = Nodes.bool(n, "sensitive");
        String hash = Nodes.textOrNull(n, "secret_hash");
        return new OutputValue(value.markSensitiveIf(sensitive), sensitive, hash);
    }
}
