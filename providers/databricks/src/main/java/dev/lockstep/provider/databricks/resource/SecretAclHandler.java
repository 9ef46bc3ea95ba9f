package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.workspace.AclItem;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.DeleteAcl;
import com.databricks.sdk.service.workspace.PutAcl;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.client.NotVisible;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.SecretSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code databricks_secret_acl}, id {@code <scope>|||<principal>}: a batch lists each scope's ACL once. */
public final class SecretAclHandler extends BaseHandler {

    public SecretAclHandler(ProviderContext ctx) {
        super(ctx, SecretSchemas.SECRET_ACL);
    }

    private static String[] split(String id) {
        int i = id.indexOf(SecretHandler.SEP);
        if (i <= 0 || i + SecretHandler.SEP.length() >= id.length()) {
            throw new IllegalArgumentException("a secret ACL id is <scope>|||<principal>, not \"" + id + "\"");
        }
        return new String[] {id.substring(0, i), id.substring(i + SecretHandler.SEP.length())};
    }

    Map<String, AclItem> acls(String scope) {
        Map<String, AclItem> out = new LinkedHashMap<>();
        for (AclItem a : c.secrets.listAcls(scope)) {
            out.put(a.getPrincipal(), a);
        }
        return out;
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        Map<String, List<ReadObject>> byScope = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            byScope.computeIfAbsent(split(o.id())[0], k -> new ArrayList<>()).add(o);
        }
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (var r : ctx.parallel(new ArrayList<>(byScope.keySet()), this::acls)) {
            if (r.error() != null && !Errors.isNotFound(r.error())) {
                d.add(Errors.readDiagnostic("Failed to read the ACL of scope " + r.input(), "Listing " + r.input(),
                        r.error(), c.scrubber()));
                continue;
            }
            for (ReadObject o : byScope.get(r.input())) {
                AclItem a = r.error() != null ? null : r.result().get(split(o.id())[1]);
                out.put(o, a == null ? null : state(r.input(), a));
            }
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        String[] sp = split(id);
        AclItem a = acls(sp[0]).get(sp[1]);
        return a == null ? null : state(sp[0], a);
    }

    private static Value state(String scope, AclItem a) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(scope + SecretHandler.SEP + a.getPrincipal()));
        m.put("scope", Value.string(scope));
        m.put("principal", Value.string(a.getPrincipal()));
        m.put("permission", Values.string(a.getPermission() == null ? null : a.getPermission().toString()));
        return Value.object(m);
    }

    @Override
    protected Found adopt(ReadObject o) {
        String scope = Values.str(o.prior(), "scope");
        String principal = Values.str(o.prior(), "principal");
        if (scope == null || principal == null) {
            return null;
        }
        try {
            Value v = readOne(scope + SecretHandler.SEP + principal, null);
            return v == null ? null : new Found(scope + SecretHandler.SEP + principal, v);
        } catch (RuntimeException e) {
            if (Errors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected void customize(Planning p) {
        String perm = p.str("permission");
        if (perm != null) {
            String up = perm.toUpperCase(Locale.ROOT);
            if (!List.of("READ", "WRITE", "MANAGE").contains(up)) {
                p.diagnostics().error("Invalid secret permission", "permission is READ, WRITE or MANAGE, not \"" + perm
                        + "\".", null);
            }
            p.set("permission", Value.string(up));
        }
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String scope = Values.str(r.planned(), "scope");
        String principal = Values.str(r.planned(), "principal");
        c.secrets.putAcl(new PutAcl().setScope(scope).setPrincipal(principal)
                .setPermission(AclPermission.valueOf(Values.str(r.planned(), "permission"))));
        String id = scope + SecretHandler.SEP + principal;
        Value v = c.untilVisible("secret ACL " + id, () -> {
            Value s = readOne(id, null);
            if (s == null) {
                throw new NotVisible("secret ACL " + id);
            }
            return s;
        });
        return ApplyResponse.ok(id, finish(v, r.planned()));
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        String[] sp = split(r.id());
        c.secrets.deleteAcl(new DeleteAcl().setScope(sp[0]).setPrincipal(sp[1]));
    }
}
