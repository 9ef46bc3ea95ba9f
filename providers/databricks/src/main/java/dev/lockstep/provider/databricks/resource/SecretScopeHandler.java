package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.ScopeBackendType;
import com.databricks.sdk.service.workspace.SecretScope;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.SecretSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code databricks_secret_scope} (Databricks-backed): every read lists the scopes once. */
public final class SecretScopeHandler extends BaseHandler {

    public SecretScopeHandler(ProviderContext ctx) {
        super(ctx, SecretSchemas.SECRET_SCOPE);
    }

    private Map<String, SecretScope> all() {
        Map<String, SecretScope> out = new LinkedHashMap<>();
        for (SecretScope s : c.secrets.listScopes()) {
            out.put(s.getName(), s);
        }
        return out;
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        Map<String, SecretScope> all = all();
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            SecretScope s = all.get(o.id());
            out.put(o, s == null ? null : state(s));
        }
        return out;
    }

    @Override
    protected Value readOne(String name, Value prior) {
        SecretScope s = all().get(name);
        return s == null ? null : state(s);
    }

    @Override
    protected Found adopt(ReadObject o) {
        String name = Values.str(o.prior(), "name");
        return name == null ? null : Optional.ofNullable(all().get(name)).map(s -> new Found(name, state(s)))
                .orElse(null);
    }

    private Value state(SecretScope s) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(s.getName()));
        m.put("name", Value.string(s.getName()));
        m.put("initial_manage_principal", Value.nullOf(dev.lockstep.api.value.Type.STRING));
        m.put("backend_type", Values.string(s.getBackendType() == null ? null : s.getBackendType().toString()));
        m.put("keyvault_metadata", Value.nullOf(block().blocks().get("keyvault_metadata").block().impliedType()));
        return Value.object(m);
    }

    @Override
    protected List<String> localAttributes() {
        return List.of("initial_manage_principal");
    }

    @Override
    protected void customize(Planning p) {
        if (!p.creating() && p.priorValue("initial_manage_principal") == null) {
            // only used when the scope is created; an imported scope's is not known and not compared
            p.set("initial_manage_principal", p.prior().get("initial_manage_principal"));
        }
        if (p.configured("keyvault_metadata")) {
            p.diagnostics().error("Unsupported secret scope backend", "Azure Key Vault-backed scopes are not "
                    + "supported; lockstep manages Databricks-backed scopes.", null);
        }
        String backend = p.str("backend_type");
        if (p.configured("backend_type") && backend != null && !backend.equals("DATABRICKS")) {
            p.diagnostics().error("Unsupported secret scope backend", "backend_type must be DATABRICKS.", null);
        }
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String name = Values.str(r.planned(), "name");
        CreateScope req = new CreateScope().setScope(name).setScopeBackendType(ScopeBackendType.DATABRICKS)
                .setInitialManagePrincipal(Values.str(r.planned(), "initial_manage_principal"));
        CreateGuard.create(c, r.address().toString(), scrubber(r), () -> {
            c.secrets.createScope(req);
            return name;
        }, () -> Optional.ofNullable(all().containsKey(name) ? name : null));
        Value v = c.untilVisible("scope " + name, () -> {
            Value s = readOne(name, r.planned());
            if (s == null) {
                throw new dev.lockstep.provider.databricks.client.NotVisible("scope " + name);
            }
            return s;
        });
        return ApplyResponse.ok(name, finish(v, r.planned()));
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.secrets.deleteScope(r.id());
    }
}
