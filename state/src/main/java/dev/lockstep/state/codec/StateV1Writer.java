package dev.lockstep.state.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Writes a state as format version 1: header fields first, then resources sorted by address,
 * then outputs sorted by name; always the same key order, so that two versions of a state diff
 * line by line.
 */
final class StateV1Writer {

    static final int VERSION = 1;

    private StateV1Writer() {
    }

    static void write(State s, String lockstepVersion, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", VERSION);
        g.writeStringField("lineage", s.lineage());
        g.writeNumberField("serial", s.serial());
        g.writeStringField("lockstep_version", lockstepVersion);
        g.writeStringField("hash_key", Base64.getEncoder().encodeToString(s.hashKey()));
        g.writeArrayFieldStart("resources");
        for (ResourceInstance r : s.resources().values()) {
            ResourceJson.write(r, g);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("outputs");
        for (Map.Entry<String, OutputValue> e : s.outputs().entrySet()) {
            OutputValue o = e.getValue();
            try {
                Marks.paths(o.value());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("output " + e.getKey() + ": " + ex.getMessage(), ex);
            }
            if (o.sensitive() && !o.value().isNull()) {
                throw new IllegalArgumentException("output " + e.getKey()
                        + " is sensitive: state records only a null and its hash");
            }
            g.writeObjectFieldStart(e.getKey());
            g.writeFieldName("type");
            TypeJson.write(o.value().type(), g);
            g.writeFieldName("value");
            ValueJson.write(o.value(), g);
            g.writeBooleanField("sensitive", o.sensitive());
            g.writeStringField("secret_hash", o.secretHash());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
