package dev.lockstep.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.addr.ResourceMode;
import java.util.Iterator;
import java.util.Map;

/**
 * A made-up format version 0, to prove the upgrader mechanism before a real second version
 * exists: v0 resources had no {@code mode}/{@code type}/{@code name}/{@code index_key} (only the
 * address) and recorded status as two booleans, {@code tainted} and {@code pending}.
 */
final class FakeV0Upgrader implements StateUpgrader {

    @Override
    public int fromVersion() {
        return 0;
    }

    @Override
    public ObjectNode upgrade(ObjectNode doc) throws FormatException {
        for (JsonNode r : Nodes.array(doc, "resources")) {
            ObjectNode o = (ObjectNode) r;
            ResourceAddress a;
            try {
                a = ResourceAddress.parse(Nodes.text(o, "address"));
            } catch (IllegalArgumentException e) {
                throw new FormatException("address", e.getMessage());
            }
            boolean tainted = Nodes.bool(o, "tainted");
            boolean pending = Nodes.bool(o, "pending");
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "tainted":
                    case "pending":
                        break;
                    case "provider":
                        out.put("mode", a.mode() == ResourceMode.DATA ? "data" : "managed");
                        out.put("type", a.type());
                        out.put("name", a.name());
                        if (a.key() instanceof InstanceKey.Int i) {
                            out.put("index_key", i.value());
                        } else if (a.key() instanceof InstanceKey.Str s) {
                            out.put("index_key", s.value());
                        } else {
                            out.putNull("index_key");
                        }
                        out.set("provider", e.getValue());
                        break;
                    case "id":
                        out.set("id", e.getValue());
                        out.put("status", pending ? "pending_create" : tainted ? "tainted" : "ready");
                        break;
                    default:
                        out.set(e.getKey(), e.getValue());
                }
            }
            o.removeAll();
            o.setAll(out);
        }
        doc.put("version", 1);
        return doc;
    }

    /** The inverse, used only to regenerate the v0 golden from the v1 one. */
    static ObjectNode downgrade(ObjectNode doc) {
        for (JsonNode r : doc.get("resources")) {
            ObjectNode o = (ObjectNode) r;
            String status = o.get("status").asText();
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "mode":
                    case "type":
                    case "name":
                    case "index_key":
                    case "status":
                        break;
                    case "id":
                        out.set("id", e.getValue());
                        out.put("tainted", status.equals("tainted"));
                        out.put("pending", status.equals("pending_create"));
                        break;
                    default:
                        out.set(e.getKey(), e.getValue());
                }
            }
            o.removeAll();
            o.setAll(out);
        }
        doc.put("version", 0);
        return doc;
    }
}
