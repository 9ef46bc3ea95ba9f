package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.workspace.DeleteSecret;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.SecretMetadata;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.client.NotVisible;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.SecretSchemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code databricks_secret}, id {@code <scope>|||<key>}: a batch lists each scope's keys once. The
 * value never leaves the workspace while {@code last_updated_timestamp} is unchanged (the recorded
 * placeholder is kept, so the engine compares keyed hashes); after a write made out of band the
 * value is read back, marked sensitive, so the plan shows a change only if the value differs.
 * Changing the value re-puts it in place.
 */
public final class SecretHandler extends BaseHandler implements ResourceUpdater {

    static final String SEP = "|||";

    public SecretHandler(ProviderContext ctx) {
        super(ctx, SecretSchemas.SECRET);
    }

    private static String[] split(String id) {
        int i = id.indexOf(SEP);
        if (i <= 0 || i + SEP.length() >= id.length()) {
            throw new IllegalArgumentException("a secret id is <scope>|||<key>, not \"" + id + "\"");
        }
        return new String[] {id.substring(0, i), id.substring(i + SEP.length())};
    }

    private Map<String, SecretMetadata> keys(String scope) {
        Map<String, SecretMetadata> out = new LinkedHashMap<>();
        for (SecretMetadata m : c.secrets.listSecrets(scope)) {
            out.put(m.getKey(), m);
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
        for (var r : ctx.parallel(new ArrayList<>(byScope.keySet()), this::keys)) {
            if (r.error() != null && !Errors.isNotFound(r.error())) {
                d.add(Errors.readDiagnostic("Failed to list secrets of scope " + r.input(), "Listing " + r.input(),
                        r.error(), c.scrubber()));
                continue;
            }
            for (ReadObject o : byScope.get(r.input())) {
                SecretMetadata m = r.error() != null ? null : r.result().get(split(o.id())[1]);
                out.put(o, m == null ? null : state(r.input(), m, o.prior()));
            }
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        String[] sk = split(id);
        SecretMetadata m = keys(sk[0]).get(sk[1]);
        return m == null ? null : state(sk[0], m, prior);
    }

    private Value state(String scope, SecretMetadata m, Value prior) {
        return withValue(scope, m, value(scope, m, prior).markSensitive());
    }

    private static Value withValue(String scope, SecretMetadata m, Value stringValue) {
        Map<String, Value> v = new LinkedHashMap<>();
        v.put("id", Value.string(scope + SEP + m.getKey()));
        v.put("scope", Value.string(scope));
        v.put("key", Value.string(m.getKey()));
        v.put("last_updated_timestamp", Values.number(m.getLastUpdatedTimestamp()));
        v.put("config_reference", Value.string("{{secrets/" + scope + "/" + m.getKey() + "}}"));
        v.put("string_value", stringValue);
        return Value.object(v);
    }

    /** The recorded placeholder while the secret is unchanged; the live value after a foreign write. */
    private Value value(String scope, SecretMetadata m, Value prior) {
        Value recorded = prior == null || prior.isNull() || !prior.isKnown() ? null : prior.get("string_value");
        java.math.BigDecimal ts = Values.num(prior, "last_updated_timestamp");
        if (recorded != null && ts != null && m.getLastUpdatedTimestamp() != null
                && ts.longValue() == m.getLastUpdatedTimestamp()) {
            return recorded;
        }
        try {
            String b64 = c.secrets.getSecret(scope, m.getKey()).getValue();
            return Value.string(new String(Base64.getDecoder().decode(b64 == null ? "" : b64), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // cannot read it back: a value that equals nothing, so the plan puts the secret again
            c.log().warn("databricks: secret " + scope + "/" + m.getKey() + " changed out of band and cannot be "
                    + "read back (" + Errors.describe(e, c.scrubber()) + "); planning to put it again");
            return Value.string("unreadable:" + java.util.UUID.randomUUID());
        }
    }

    @Override
    protected Found adopt(ReadObject o) {
        String scope = Values.str(o.prior(), "scope");
        String key = Values.str(o.prior(), "key");
        if (scope == null || key == null) {
            return null;
        }
        try {
            Value v = readOne(scope + SEP + key, null);
            return v == null ? null : new Found(scope + SEP + key, v);
        } catch (RuntimeException e) {
            if (Errors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private String put(ApplyRequest r) {
        String scope = Values.str(r.planned(), "scope");
        String key = Values.str(r.planned(), "key");
        String value = Values.str(r.planned(), "string_value");
        c.secrets.putSecret(new PutSecret().setScope(scope).setKey(key).setStringValue(value));
        return scope + SEP + key;
    }

    /** The state after a write: the value as planned (it is redacted by the engine). */
    private Value written(String id, ApplyRequest r) {
        String[] sk = split(id);
        SecretMetadata m = c.untilVisible("secret " + id, () -> {
            SecretMetadata x = keys(sk[0]).get(sk[1]);
            if (x == null) {
                throw new NotVisible("secret " + id);
            }
            return x;
        });
        return finish(withValue(sk[0], m, r.planned().get("string_value")), r.planned());
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String id = put(r);
        return ApplyResponse.ok(id, written(id, r));
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> ApplyResponse.ok(r.id(), written(put(r), r)));
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        String[] sk = split(r.id());
        c.secrets.deleteSecret(new DeleteSecret().setScope(sk[0]).setKey(sk[1]));
    }
}
