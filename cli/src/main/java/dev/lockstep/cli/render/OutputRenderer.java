package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.codec.TypeJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders recorded root outputs: as {@code name = value} lines (sensitive ones as
 * {@code <sensitive>}), as Terraform's {@code output -json} object, or one value raw.
 */
public final class OutputRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputRenderer() {
    }

    /** Every output as {@code name = value}, under an {@code Outputs:} heading when asked and any exist. */
    public static void text(Map<String, OutputValue> outputs, PrintWriter out, boolean heading) {
        if (outputs.isEmpty()) {
            return;
        }
        if (heading) {
            out.println();
            out.println("Outputs:");
            out.println();
        }
        outputs.forEach((k, v) -> out.println(k + " = " + (v.sensitive() ? "<sensitive>"
                : ConsoleFormat.format(v.value()))));
    }

    /**
     * Terraform's {@code output -json} shape, {@code {"name": {"sensitive": false, "type": "string",
     * "value": ...}}}, except that a sensitive value is null: lockstep never records it.
     */
    public static String json(Map<String, OutputValue> outputs) {
        ObjectNode o = PlanJson.jsonObject();
        outputs.forEach((k, v) -> {
            ObjectNode e = o.putObject(k);
            e.put("sensitive", v.sensitive());
            e.set("type", typeJson(v.value().type()));
            e.set("value", PlanJson.valueJson(v.sensitive() ? null : v.value()));
        });
        return PlanJson.toText(o);
    }

    private static JsonNode typeJson(Type type) {
        try {
            TokenBuffer buffer = new TokenBuffer(MAPPER, false);
            TypeJson.write(type, buffer);
            return MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One value as JSON. */
    public static String json(Value value) {
        return PlanJson.toText(PlanJson.valueJson(value));
    }

    /** One value as {@code terraform console} prints it. */
    public static String text(Value value) {
        return ConsoleFormat.format(value);
    }

    /** A primitive as it is, strings without quotes; null when the value is not a known, non-null primitive. */
    public static String raw(Value value) {
        if (!value.type().isPrimitive() || value.isNull() || !value.isKnown()) {
            return null;
        }
        Value u = value.unmarkDeep();
        return u.type() == Type.STRING ? u.asString() : u.type() == Type.NUMBER
                ? Value.formatNumber(u.asNumber()) : String.valueOf(u.asBool());
    }
}
