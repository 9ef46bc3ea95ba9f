package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.plan.AccessChange;
import dev.lockstep.planner.plan.AccessChanges;
import dev.lockstep.planner.plan.AccessSystem;
import dev.lockstep.planner.plan.Grant;
import dev.lockstep.planner.plan.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code effective_access} object of the JSON plan: {@code changes} (each a grant with
 * {@code change}: {@code gained} or {@code lost}), {@code after} (the grants once the plan is
 * applied) and {@code undecided} (grants known only after apply); a grant has {@code principal}
 * ({@code system}, {@code kind}, {@code name}), {@code actions}, {@code object}, {@code via} (when
 * not direct) and {@code causes}. And its reader. See {@code docs/plan-json.md}.
 */
public final class AccessChangesJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AccessChangesJson() {
    }

    /** The access changes as a JSON object. */
    public static ObjectNode write(AccessChanges access) {
        ObjectNode root = F.objectNode();
        ArrayNode changes = root.putArray("changes");
        for (AccessChange c : access.changes()) {
            ObjectNode o = changes.addObject();
            o.put("change", c.direction().word());
            grant(o, c.grant());
        }
        ArrayNode after = root.putArray("after");
        for (Grant g : access.after()) {
            grant(after.addObject(), g);
        }
        root.put("undecided", access.undecided());
        return root;
    }

    private static void grant(ObjectNode o, Grant g) {
        ObjectNode p = o.putObject("principal");
        p.put("system", g.principal().systemWord());
        p.put("kind", g.principal().kind());
        p.put("name", g.principal().name());
        ArrayNode actions = o.putArray("actions");
        g.actions().forEach(actions::add);
        o.put("object", g.object());
        if (!g.via().isEmpty()) {
            o.put("via", g.via());
        }
        ArrayNode causes = o.putArray("causes");
        g.causes().forEach(causes::add);
    }

    /**
     * The access changes of an {@code effective_access} object; none when it is absent (a plan file
     * written before lockstep resolved access).
     *
     * @throws IllegalArgumentException when it is not what {@link #write} writes
     */
    public static AccessChanges read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return AccessChanges.NONE;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("effective_access is not an object");
        }
        List<AccessChange> changes = new ArrayList<>();
        for (JsonNode c : array(root, "changes")) {
            changes.add(new AccessChange(AccessChange.Direction.of(text(c, "change")), grant(c)));
        }
        List<Grant> after = new ArrayList<>();
        for (JsonNode g : array(root, "after")) {
            after.add(grant(g));
        }
        JsonNode undecided = root.get("undecided");
        if (undecided == null || !undecided.isInt()) {
            throw new IllegalArgumentException("effective_access lacks \"undecided\"");
        }
        return new AccessChanges(changes, after, undecided.asInt());
    }

    private static Grant grant(JsonNode o) {
        JsonNode p = o.get("principal");
        if (p == null || !p.isObject()) {
            throw new IllegalArgumentException("an access grant lacks \"principal\"");
        }
        AccessSystem system;
        try {
            system = AccessSystem.valueOf(text(p, "system").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown access system \"" + text(p, "system") + "\"");
        }
        Principal principal = new Principal(system, text(p, "kind"), text(p, "name"));
        List<String> actions = new ArrayList<>();
        array(o, "actions").forEach(a -> actions.add(a.asText()));
        List<String> causes = new ArrayList<>();
        array(o, "causes").forEach(a -> causes.add(a.asText()));
        String via = o.hasNonNull("via") ? text(o, "via") : "";
        return Grant.of(principal, actions, text(o, "object"), via, causes);
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException("effective_access lacks the array \"" + field + "\"");
        }
        return n;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("an access grant lacks \"" + field + "\"");
        }
        return n.asText();
    }
}
