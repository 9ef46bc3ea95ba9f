package dev.lockstep.state.testing;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.Redactor;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fixed states for golden files and backend tests. */
public final class SampleStates {

    /** A secret that must never appear in any file. */
    public static final String CANARY = "CANARY-7f3a9c-do-not-write";
    public static final String LINEAGE = "0b6c1f62-4f0e-4a8e-9a55-3d1b2c7e9f10";
    public static final Instant T0 = Instant.parse("2026-11-24T09:15:30.123Z");

    private SampleStates() {
    }

    public static byte[] key() {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 7 + 3);
        }
        return k;
    }

    /** A state exercising every field: modules, keys, data sources, secrets, statuses, exact numbers, outputs. */
    public static State rich() {
        byte[] key = key();
        Redactor redactor = new Redactor(new SecretHasher(key));
        Map<ResourceAddress, ResourceInstance> rs = new TreeMap<>();

        ResourceInstance ns = new ResourceInstance(ResourceAddress.managed("kubernetes_namespace", "team"), "kubernetes", 0,
                "team-a", Value.object(Map.of("name", Value.string("team-a"),
                        "labels", Value.map(Type.STRING, Map.of("app.kubernetes.io/managed-by", Value.string("lockstep"))))),
                Map.of(), List.of(), ResourceInstance.Status.READY, T0, T0);
        ResourceInstance role = redactor.redact(new ResourceInstance(
                ResourceAddress.managed("kubernetes_role", "reader").withKey(InstanceKey.of("a \"quoted\" key")),
                "kubernetes", 1, "team-a/reader",
                Value.object(Map.of(
                        "metadata", Value.list(new ObjectType(Map.of("name", Type.STRING, "namespace", Type.STRING)),
                                List.of(Value.object(Map.of("name", Value.string("reader"),
                                        "namespace", Value.string("team-a"))))),
                        "rule", Value.set(Type.STRING, List.of(Value.string("get"), Value.string("list"))),
                        "token", Value.string(CANARY).markSensitive())),
                Map.of(), List.of("kubernetes_namespace.team"), ResourceInstance.Status.READY, T0, T0.plusSeconds(60)));
        ResourceInstance job = new ResourceInstance(
                new ResourceAddress(List.of(new ResourceAddress.ModuleStep("etl", InstanceKey.of("prod"))),
                        ResourceMode.MANAGED, "databricks_job", "nightly", InstanceKey.of(0)),
                "databricks", 2, "918273645",
                Value.object(Map.of(
                        "max_concurrent_runs", Value.number(1),
                        "timeout_fraction", Value.number(new BigDecimal("0.1")),
                        "big", Value.number(new BigDecimal("123456789012345678901234567890.000000000000000000001")),
                        "tiny", Value.number(new BigDecimal("1e-400")),
                        "schedule", Value.tuple(List.of(Value.string("0 0 2 * * ?"), Value.string("UTC"))),
                        "tags", Value.nullOf(Type.map(Type.STRING)),
                        "notebook", Value.string("é — naïve ☃ 𝄞 \u0000\t\"\\")
                )),
                Map.of(), List.of("kubernetes_namespace.team", "module.etl.databricks_cluster.shared"),
                ResourceInstance.Status.READY, T0, T0);
        ResourceInstance pending = new ResourceInstance(ResourceAddress.managed("terraform_data", "bootstrap"), "terraform", 0,
                null, Value.object(Map.of("input", Value.object(Map.of("n", Value.number(3))), "output", Value.NULL,
                        "triggers_replace", Value.NULL)),
                Map.of(), List.of(), ResourceInstance.Status.PENDING_CREATE, T0, T0);
        ResourceInstance secret = redactor.redact(new ResourceInstance(ResourceAddress.data("vault_kv_secret", "db"), "vault", 0,
                "secret/db", Value.object(Map.of("path", Value.string("secret/db"),
                        "data", Value.map(Type.STRING, Map.of("password", Value.string(CANARY))).markSensitive())),
                Map.of(), List.of(), ResourceInstance.Status.READY, null, null));
        ResourceInstance tainted = new ResourceInstance(ResourceAddress.managed("databricks_token", "ci"), "databricks", 0,
                "tok-1", Value.object(Map.of("comment", Value.string("ci"), "lifetime_seconds", Value.number(86400))),
                Map.of(), List.of(), ResourceInstance.Status.TAINTED, T0, T0);
        for (ResourceInstance r : List.of(ns, role, job, pending, secret, tainted)) {
            rs.put(r.address(), r);
        }
        SecretHasher h = new SecretHasher(key);
        Map<String, OutputValue> outs = Map.of(
                "namespace", new OutputValue(Value.string("team-a"), false, null),
                "ids", new OutputValue(Value.list(Type.STRING, List.of(Value.string("a"), Value.string("b"))), false, null),
                "token", new OutputValue(Value.nullOf(Type.STRING).markSensitive(), true, h.hash(Value.string(CANARY))));
        return new State(LINEAGE, 7, key, rs, outs);
    }

    /** An empty state with a fixed lineage and key. */
    public static State empty() {
        return new State(LINEAGE, 1, key(), Map.of(), Map.of());
    }

    /** A simple instance with a string attribute, for backend tests. */
    public static ResourceInstance instance(String name, String value) {
        return new ResourceInstance(ResourceAddress.managed("terraform_data", name), "terraform", 0, "id-" + name,
                Value.object(Map.of("input", Value.string(value))), Map.of(), List.of(), ResourceInstance.Status.READY,
                T0, T0);
    }

    /** The path of the redacted role token, for assertions. */
    public static AttributePath tokenPath() {
        return AttributePath.of("token");
    }
}
