package dev.lockstep.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading required fields of a JSON object, with errors that say which field and why. */
final class Nodes {

    private Nodes() {
    }

    static JsonNode field(JsonNode obj, String name) throws FormatException {
        JsonNode n = obj.get(name);
        if (n == null) {
            throw new FormatException(name, "the field is missing");
        }
        return n;
    }

    static String text(JsonNode obj, String name) throws FormatException {
        JsonNode n = field(obj, name);
        if (!n.isTextual()) {
            throw new FormatException(name, "expected a string, found " + TypeJson.describe(n));
        }
        return n.textValue();
    }

    static String textOrNull(JsonNode obj, String name) throws FormatException {
        JsonNode n = field(obj, name);
        return n.isNull() ? null : text(obj, name);
    }

    static long integer(JsonNode obj, String name) throws FormatException {
        JsonNode n = field(obj, name);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new FormatException(name, "expected an integer, found " + TypeJson.describe(n));
        }
        return n.longValue();
    }

    static int smallInteger(JsonNode obj, String name) throws FormatException {
        long v = integer(obj, name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new FormatException(name, "the number " + v + " is out of range");
        }
        return (int) v;
    }

    static boolean bool(JsonNode obj, String name) throws FormatException {
        JsonNode n = field(obj, name);
        if (!n.isBoolean()) {
            throw new FormatException(name, "expected true or false, found " + TypeJson.describe(n));
        }
        return n.booleanValue();
    }

    static Instant instantOrNull(JsonNode obj, String name) throws FormatException {
        String s = textOrNull(obj, name);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new FormatException(name, "not an ISO-8601 instant: \"" + s + "\"");
        }
    }

    static JsonNode object(JsonNode obj, String name) throws FormatException {
        JsonNode n = field(obj, name);
        if (!n.isObject()) {
            throw new FormatException(name, "expected an object, found " + TypeJson.describe(n));
        }
        return n;
    }

    static JsonNode array(JsonNode obj, String name) throws FormatException {
        JsonNode n = field(obj, name);
        if (!n.isArray()) {
            throw new FormatException(name, "expected an array, found " + TypeJson.describe(n));
        }
        return n;
    }
}
