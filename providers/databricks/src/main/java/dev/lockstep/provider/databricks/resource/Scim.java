package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.IdentitySchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SCIM helpers shared by groups, users and service principals: entitlements as boolean attributes,
 * PatchOp requests, and id filters that read many principals in one list request.
 */
public final class Scim {

    /** Attribute name to SCIM entitlement value. */
    static final Map<String, String> ENTITLEMENTS = Map.of("allow_cluster_create", "allow-cluster-create",
            "allow_instance_pool_create", "allow-instance-pool-create", "databricks_sql_access",
            "databricks-sql-access", "workspace_access", "workspace-access", "workspace_consume", "workspace-consume");

    /** Ids per filter request. */
    static final int CHUNK = 50;

    private Scim() {
    }

    /** Sets each entitlement attribute from the principal's direct entitlements (false when absent). */
    static Value withEntitlements(Value state, Collection<ComplexValue> entitlements) {
        Value v = state;
        for (String attr : IdentitySchemas.ENTITLEMENTS) {
            String name = ENTITLEMENTS.get(attr);
            boolean has = entitlements != null && entitlements.stream().anyMatch(e -> name.equals(e.getValue()));
            v = Values.with(v, attr, Value.bool(has));
        }
        return v;
    }

    /** Unset entitlement attributes are planned as false: the principal does not hold them directly. */
    static void defaultEntitlements(Planning p) {
        for (String attr : IdentitySchemas.ENTITLEMENTS) {
            if (!p.configured(attr)) {
                p.set(attr, Value.FALSE);
            }
        }
    }

    /** The entitlements a planned value grants. */
    static List<ComplexValue> entitlements(Value planned) {
        List<ComplexValue> out = new ArrayList<>();
        for (String attr : IdentitySchemas.ENTITLEMENTS) {
            if (Values.bool(planned, attr, false)) {
                out.add(new ComplexValue().setValue(ENTITLEMENTS.get(attr)));
            }
        }
        return out;
    }

    static Patch replace(String path, Object value) {
        return new Patch().setOp(PatchOp.REPLACE).setPath(path).setValue(value);
    }

    static PartialUpdate patch(String id, List<Patch> ops) {
        return new PartialUpdate().setId(id).setOperations(ops)
                .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP));
    }

    /** Filters of the form {@code id eq "1" or id eq "2" ...}, at most {@link #CHUNK} ids each. */
    static List<String> idFilters(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            StringBuilder sb = new StringBuilder();
            for (String id : ids.subList(i, Math.min(ids.size(), i + CHUNK))) {
                if (sb.length() > 0) {
                    sb.append(" or ");
                }
                sb.append("id eq \"").append(id.replace("\"", "")).append('"');
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** A SCIM filter value: a JSON string literal (RFC 7644 3.4.2.2), escaped by Jackson. */
    public static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** One page of a SCIM list: its resources and the list's total, when the server says it. */
    record Page<T>(java.util.Collection<T> resources, Long totalResults) {
    }

    /**
     * Every resource of a SCIM list, fetching pages by start index (1-based) until the total the
     * server reports is reached, or, when it reports none, until an empty page. Unlike the SDK's
     * iterables, which always ask for one more page to find the end, a list that fits on its first
     * page costs one request.
     */
    static <T> List<T> pages(java.util.function.LongFunction<Page<T>> fetch) {
        List<T> out = new ArrayList<>();
        long start = 1;
        while (true) {
            Page<T> p = fetch.apply(start);
            java.util.Collection<T> got = p.resources() == null ? List.of() : p.resources();
            out.addAll(got);
            start += got.size();
            if (got.isEmpty() || p.totalResults() != null && start > p.totalResults()) {
                return out;
            }
        }
    }

    /** Reads principals by id with filtered list requests; the map has every id found. */
    static <T> Map<String, T> byIds(List<String> ids, Function<String, Iterable<T>> list, Function<T, String> id) {
        Map<String, T> out = new java.util.LinkedHashMap<>();
        for (String f : idFilters(ids)) {
            for (T t : list.apply(f)) {
                out.put(id.apply(t), t);
            }
        }
        return out;
    }
}
