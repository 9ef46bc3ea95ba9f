package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.NumberSyntax;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads one YAML document into a value with go-cty-yaml's rules: mappings become objects,
 * sequences tuples; plain scalars resolve as go-cty-yaml does (y/yes/on/... are bools, ~ is null,
 * decimal, 0x and 0o numbers, dates become RFC 3339 strings, {@code <<} merges mappings); quoted scalars are strings; anchors and
 * aliases are followed. Uses SnakeYAML's event parser (a dependency of jackson-dataformat-yaml).
 */
final class YamlDecoder {

    private static final String TAG = "tag:yaml.org,2002:";
    private static final Set<String> RESOLVABLE = Set.of(TAG + "str", TAG + "bool", TAG + "int", TAG + "float",
            TAG + "null", TAG + "timestamp", TAG + "binary");
    private static final Map<String, Value> WORDS = new HashMap<>();
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(?:([Tt])|( ))(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?)?");

    static {
        for (String s : List.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")) {
            WORDS.put(s, Value.TRUE);
        }
        for (String s : List.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")) {
            WORDS.put(s, Value.FALSE);
        }
        for (String s : List.of("", "~", "null", "Null", "NULL")) {
            WORDS.put(s, Value.NULL);
        }
    }

    private final Iterator<Event> events;
    private final Map<String, Value> anchors = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();

    private YamlDecoder(Iterator<Event> events) {
        this.events = events;
    }

    /** Parses a single-document YAML text; errors never quote the input. */
    static Value decode(String text) throws FunctionException {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(64 * 1024 * 1024);
        // SnakeYAML's protective defaults (50) are lower than real documents need; aliases
        // share one decoded value here, so they cost nothing until printed
        opts.setNestingDepthLimit(1000);
        opts.setMaxAliasesForCollections(1000);
        opts.setAllowDuplicateKeys(true);
        Iterator<Event> it = new Yaml(opts).parse(new StringReader(text)).iterator();
        YamlDecoder d = new YamlDecoder(it);
        try {
            d.expect(Event.ID.StreamStart, "missing stream start");
            Event e = d.next();
            if (!e.is(Event.ID.DocumentStart)) {
                throw error(e, "missing start of document");
            }
            Value v = d.value(d.next());
            e = d.next();
            if (e.is(Event.ID.DocumentStart)) {
                throw error(e, "only a single document is allowed");
            }
            if (!e.is(Event.ID.DocumentEnd)) {
                throw error(e, "unexpected extra content after value");
            }
            e = d.next();
            if (!e.is(Event.ID.StreamEnd)) {
                throw error(e, e.is(Event.ID.DocumentStart) ? "only a single document is allowed"
                        : "unexpected extra content after value");
            }
            return v;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new FunctionException("invalid YAML" + (m == null ? "" : " on line " + (m.getLine() + 1) + ", column "
                    + (m.getColumn() + 1)) + ".");
        } catch (YAMLException e) {
            throw new FunctionException("invalid YAML.");
        }
    }

    private Event next() throws FunctionException {
        if (!events.hasNext()) {
            throw new FunctionException("unexpected end of YAML stream.");
        }
        return events.next();
    }

    private void expect(Event.ID id, String what) throws FunctionException {
        Event e = next();
        if (!e.is(id)) {
            throw error(e, what);
        }
    }

    private static FunctionException error(Event e, String what) {
        Mark m = e.getStartMark();
        return new FunctionException("on line " + (m == null ? 0 : m.getLine() + 1) + ", column "
                + (m == null ? 0 : m.getColumn() + 1) + ": " + what + ".");
    }

    private Value value(Event e) throws FunctionException {
        if (e instanceof ScalarEvent s) {
            begin(s.getAnchor());
            Value v = scalar(s);
            complete(s.getAnchor(), v);
            return v;
        }
        if (e instanceof AliasEvent a) {
            String name = a.getAnchor();
            if (pending.containsKey(name)) {
                throw error(e, "cannot refer to an anchor from inside its own definition");
            }
            Value v = anchors.get(name);
            if (v == null) {
                throw error(e, "reference to an undefined anchor");
            }
            return v;
        }
        if (e instanceof SequenceStartEvent s) {
            String tag = s.getTag();
            if (tag != null && !tag.equals(TAG + "seq")) {
                throw error(e, "cannot interpret a sequence with this tag");
            }
            begin(s.getAnchor());
            List<Value> els = new ArrayList<>();
            Event n;
            while (!(n = next()).is(Event.ID.SequenceEnd)) {
                els.add(value(n));
            }
            Value v = Value.tuple(els);
            complete(s.getAnchor(), v);
            return v;
        }
        if (e instanceof MappingStartEvent m) {
            String tag = m.getTag();
            if (tag != null && !tag.equals(TAG + "map")) {
                throw error(e, "cannot interpret a mapping with this tag");
            }
            begin(m.getAnchor());
            Map<String, Value> attrs = new LinkedHashMap<>();
            Event n;
            while (!(n = next()).is(Event.ID.MappingEnd)) {
                if (!(n instanceof ScalarEvent k)) {
                    throw error(n, "only strings are allowed as mapping keys");
                }
                if (k.isPlain() && k.getTag() == null && k.getValue().equals("<<")) {
                    merge(attrs, value(next()), n);
                    continue;
                }
                Value key = scalar(k);
                if (key.isNull()) {
                    throw error(n, "mapping key cannot be null");
                }
                try {
                    key = Conversion.convert(key, Type.STRING);
                } catch (ConversionException ex) {
                    throw error(n, "only strings are allowed as mapping keys");
                }
                attrs.put(key.asString(), value(next()));
            }
            Value v = Value.object(attrs);
            complete(m.getAnchor(), v);
            return v;
        }
        if (e.is(Event.ID.DocumentStart)) {
            throw error(e, "only a single document is allowed");
        }
        throw error(e, "expecting a value");
    }

    /** A YAML merge key: the entries of a mapping (or of a sequence of mappings) not already set. */
    private static void merge(Map<String, Value> attrs, Value from, Event at) throws FunctionException {
        List<Value> sources = from.isTuple() ? from.elements() : List.of(from);
        for (Value m : sources) {
            if (!m.isObject()) {
                throw error(at, "a merge key needs a mapping or a sequence of mappings");
            }
            for (Map.Entry<String, Value> e : m.attributes().entrySet()) {
                attrs.putIfAbsent(e.getKey(), e.getValue());
            }
        }
    }

    private void begin(String anchor) {
        if (anchor != null) {
            pending.merge(anchor, 1, Integer::sum);
        }
    }

    private void complete(String anchor, Value v) {
        if (anchor != null) {
            pending.computeIfPresent(anchor, (k, c) -> c <= 1 ? null : c - 1);
            anchors.put(anchor, v);
        }
    }

    private static Value scalar(ScalarEvent e) throws FunctionException {
        String src = e.getValue();
        String tag = e.getTag();
        if (tag == null && !e.isPlain()) {
            return Value.string(src);
        }
        if (tag != null && tag.equals("!")) {
            return Value.string(src);
        }
        if (tag != null && !RESOLVABLE.contains(tag)) {
            throw error(e, "unsupported tag");
        }
        String t = tag == null ? "" : tag.substring(TAG.length());
        if (!t.equals("str") && !t.equals("binary")) {
            char hint = src.isEmpty() ? 'N' : hint(src.charAt(0));
            if (hint != 0) {
                Value w = WORDS.get(src);
                if (w != null) {
                    return w;
                }
                if (src.equals(".nan") || src.equals(".NaN") || src.equals(".NAN")) {
                    throw error(e, "floating point NaN is not supported");
                }
                if (Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF").contains(src)) {
                    throw error(e, "infinite numbers are not supported by lockstep");
                }
                if (hint == '.') {
                    BigDecimal n = NumberSyntax.parse(src);
                    if (n != null) {
                        return Value.number(n);
                    }
                } else if (hint == 'D' || hint == 'S') {
                    if (t.isEmpty() || t.equals("timestamp")) {
                        String ts = timestamp(src);
                        if (ts != null) {
                            return Value.string(ts);
                        }
                    }
                    BigDecimal n = NumberSyntax.parse(src);
                    if (n != null) {
                        return Value.number(n);
                    }
                    if (OCTAL.matcher(src).matches()) {
                        return Value.number(new BigInteger(src.substring(2), 8));
                    }
                    if (HEX.matcher(src).matches()) {
                        return Value.number(new BigInteger(src.substring(2), 16));
                    }
                }
            }
        }
        switch (t) {
            case "str":
                return Value.string(src);
            case "binary":
                try {
                    Base64.getMimeDecoder().decode(src);
                } catch (IllegalArgumentException ex) {
                    throw error(e, "a !!binary value is not valid base64");
                }
                return Value.string(src);
            case "bool": {
                Value w = WORDS.get(src);
                if (w == null || w.isNull()) {
                    throw error(e, "cannot parse the value as a bool");
                }
                return w;
            }
            case "int":
            case "float": {
                String plain = src.replace("_", "");
                BigDecimal n = NumberSyntax.parse(plain);
                if (n != null) {
                    return Value.number(n);
                }
                BigInteger i = goParseInt(plain);
                if (i != null) {
                    return Value.number(i);
                }
                throw error(e, "cannot parse the value as a number");
            }
            case "timestamp": {
                String ts = timestamp(src);
                if (ts == null) {
                    throw error(e, "cannot parse the value as a timestamp");
                }
                return Value.string(ts);
            }
            case "null":
                return Value.NULL;
            default:
                return Value.string(src);
        }
    }

    private static char hint(char c) {
        if (c == '+' || c == '-') {
            return 'S';
        }
        if (c >= '0' && c <= '9') {
            return 'D';
        }
        if ("yYnNtTfFoO~".indexOf(c) >= 0) {
            return 'M';
        }
        return c == '.' ? '.' : 0;
    }

    /** For explicit !!int and !!float tags: Go's {@code strconv.ParseInt(s, 0, 64)} forms (0x, 0o, 0b, 0). */
    private static BigInteger goParseInt(String s) {
        boolean neg = false;
        String body = s;
        if (body.startsWith("+") || body.startsWith("-")) {
            neg = body.startsWith("-");
            body = body.substring(1);
        }
        int radix = 10;
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            body = body.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            body = body.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            body = body.substring(2);
        } else if (body.length() > 1 && body.startsWith("0")) {
            radix = 8;
            body = body.substring(1);
        }
        if (body.isEmpty() || !body.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(body, radix);
            v = neg ? v.negate() : v;
            if (v.bitLength() > 64 || neg && v.bitLength() > 63) {
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A YAML timestamp in the forms go-cty-yaml accepts, as RFC 3339, or null. */
    static String timestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (m.group(6) == null) {
                return date.atStartOfDay().atOffset(ZoneOffset.UTC).format(RFC3339);
            }
            boolean space = m.group(5) != null;
            String zone = m.group(10);
            if (space && zone != null || !space && zone == null) {
                return null;
            }
            LocalDateTime dt = date.atTime(Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(8)));
            ZoneOffset off = zone == null || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            return OffsetDateTime.of(dt, off).format(RFC3339);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
}
