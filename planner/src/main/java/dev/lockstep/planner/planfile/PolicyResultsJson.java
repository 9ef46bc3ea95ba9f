package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.plan.PolicyResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code policy_results} array of the JSON plan and of {@code drift --format json}: one entry
 * per finding ({@code policy}, {@code title}, {@code enforcement}, {@code status}, {@code address},
 * {@code message}, {@code range} when known, {@code waiver} when one covers the object), and its
 * reader, so that {@code show PLANFILE} renders the findings {@code plan} rendered. A range has the
 * shape of a diagnostic's range in {@code validate --format json}: {@code filename}, and
 * {@code start} and {@code end} with {@code line}, {@code column} and {@code offset}. See
 * {@code docs/plan-json.md}.
 */
public final class PolicyResultsJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PolicyResultsJson() {
    }

    /** The findings as a JSON array, in their order. */
    public static ArrayNode write(List<PolicyResult> results) {
        ArrayNode arr = F.arrayNode();
        for (PolicyResult r : results) {
            ObjectNode o = arr.addObject();
            o.put("policy", r.policy());
            o.put("title", r.title());
            o.put("enforcement", r.enforcement());
            o.put("status", r.status().word());
            o.put("address", r.address());
            o.put("message", r.message());
            if (r.range() != null) {
                ObjectNode range = o.putObject("range");
                range.put("filename", r.range().file());
                range.set("start", pos(r.range().start()));
                range.set("end", pos(r.range().end()));
            }
            if (r.waiver() != null) {
                PolicyResult.Waiver w = r.waiver();
                ObjectNode wo = o.putObject("waiver");
                wo.put("name", w.name());
                wo.put("owner", w.owner());
                wo.put("reason", w.reason());
                wo.put("expires", w.expires().toString());
                wo.put("expired", w.expired());
            }
        }
        return arr;
    }

    private static ObjectNode pos(SourcePos p) {
        ObjectNode o = F.objectNode();
        o.put("line", p.line());
        o.put("column", p.column());
        o.put("offset", p.offset());
        return o;
    }

    /**
     * The findings of a {@code policy_results} array; none when it is absent (a plan file written
     * before lockstep had policies).
     *
     * @throws IllegalArgumentException when an entry is not one {@link #write} writes
     */
    public static List<PolicyResult> read(JsonNode arr) {
        List<PolicyResult> out = new ArrayList<>();
        if (arr == null || arr.isMissingNode() || arr.isNull()) {
            return out;
        }
        if (!arr.isArray()) {
            throw new IllegalArgumentException("policy_results is not an array");
        }
        for (JsonNode o : arr) {
            String enforcement = text(o, "enforcement");
            if (!enforcement.equals("mandatory") && !enforcement.equals("advisory")) {
                throw new IllegalArgumentException("unknown policy enforcement \"" + enforcement + "\"");
            }
            PolicyResult.Status status = status(text(o, "status"));
            SourceRange range = null;
            if (o.hasNonNull("range")) {
                JsonNode r = o.get("range");
                range = new SourceRange(text(r, "filename"), pos(r.get("start")), pos(r.get("end")));
            }
            PolicyResult.Waiver waiver = null;
            if (o.hasNonNull("waiver")) {
                JsonNode w = o.get("waiver");
                waiver = new PolicyResult.Waiver(text(w, "name"), text(w, "owner"), text(w, "reason"),
                        LocalDate.parse(text(w, "expires")), w.path("expired").asBoolean());
            }
            out.add(new PolicyResult(text(o, "policy"), text(o, "title"), enforcement.equals("mandatory"), status,
                    text(o, "address"), text(o, "message"), range, waiver));
        }
        return out;
    }

    private static PolicyResult.Status status(String word) {
        for (PolicyResult.Status s : PolicyResult.Status.values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown policy status \"" + word + "\"");
    }

    private static SourcePos pos(JsonNode p) {
        if (p == null || !p.isObject()) {
            throw new IllegalArgumentException("a policy result's range lacks a position");
        }
        return new SourcePos(p.path("line").asInt(), p.path("column").asInt(), p.path("offset").asInt());
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("a policy result lacks \"" + field + "\"");
        }
        return n.asText();
    }
}
