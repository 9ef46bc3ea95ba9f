package dev.lockstep.provider.databricks.acl;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ACL entry: a principal (by the field that names it: {@code user_name}, {@code group_name} or
 * {@code service_principal_name}) and a permission level.
 */
public record AclEntry(String kind, String principal, String level) {

    public static final String USER = "user_name";
    public static final String GROUP = "group_name";
    public static final String SERVICE_PRINCIPAL = "service_principal_name";

    /** The object type of an {@code access_control} block. */
    public static final Type BLOCK_TYPE = new dev.lockstep.api.value.ObjectType(Map.of(USER, Type.STRING, GROUP,
            Type.STRING, SERVICE_PRINCIPAL, Type.STRING, "permission_level", Type.STRING));

    /** The principal as "user x", "group y" or "service principal z". */
    public String who() {
        return switch (kind) {
            case USER -> "user " + principal;
            case GROUP -> "group " + principal;
            default -> "service principal " + principal;
        };
    }

    /** Same principal (user and service principal names compare case-insensitively, as the API does). */
    public boolean samePrincipal(AclEntry o) {
        return kind.equals(o.kind) && principal.equalsIgnoreCase(o.principal);
    }

    @Override
    public String toString() {
        return who() + " " + level;
    }

    /** The entry as an {@code access_control} block value. */
    public Value toValue() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put(USER, Values.string(kind.equals(USER) ? principal : null));
        m.put(GROUP, Values.string(kind.equals(GROUP) ? principal : null));
        m.put(SERVICE_PRINCIPAL, Values.string(kind.equals(SERVICE_PRINCIPAL) ? principal : null));
        m.put("permission_level", Value.string(level));
        return Value.object(m);
    }

    /** The entries as a set of {@code access_control} blocks. */
    public static Value toSet(Collection<AclEntry> entries) {
        List<Value> els = new ArrayList<>();
        for (AclEntry e : entries) {
            els.add(e.toValue());
        }
        return Value.set(BLOCK_TYPE, els);
    }

    /**
     * The entry of an {@code access_control} block, or null when it does not name exactly one
     * known principal and a known level.
     */
    public static AclEntry of(Value block) {
        String level = Values.str(block, "permission_level");
        String kind = null;
        String name = null;
        int named = 0;
        for (String k : List.of(USER, GROUP, SERVICE_PRINCIPAL)) {
            String v = Values.str(block, k);
            if (v != null && !v.isEmpty()) {
                named++;
                kind = k;
                name = v;
            }
        }
        if (named != 1 || level == null) {
            return null;
        }
        return new AclEntry(kind, name, level.toUpperCase(Locale.ROOT));
    }

    /** The entries of a set of blocks; blocks that are not (yet) a single known entry are skipped. */
    public static List<AclEntry> of(Collection<Value> blocks) {
        List<AclEntry> out = new ArrayList<>();
        for (Value b : blocks) {
            AclEntry e = of(b);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
