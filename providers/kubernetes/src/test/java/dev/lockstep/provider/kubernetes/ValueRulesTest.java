package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.RequestCounter;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.schema.RbacSchemas;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.MergePatch;
import dev.lockstep.provider.kubernetes.value.Ownership;
import dev.lockstep.provider.kubernetes.value.Quantity;
import dev.lockstep.provider.kubernetes.value.Values;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value rules on their own: quantities, merge patches, ownership projection, endpoint templates, durations. */
class ValueRulesTest {

    @Test
    void quantitiesCompareByAmount() {
        assertTrue(Quantity.sameAmount("1Gi", "1024Mi"));
        assertTrue(Quantity.sameAmount("500m", "0.5"));
        assertTrue(Quantity.sameAmount("1k", "1000"));
        assertTrue(Quantity.sameAmount("1e3", "1k"));
        assertFalse(Quantity.sameAmount("1G", "1Gi"));
        assertFalse(Quantity.sameAmount("10", "ten"));
        assertEquals(0, new BigDecimal("0.000000001").compareTo(Quantity.parse("1n")));
        assertNull(Quantity.parse("1Xi"));
    }

    @Test
    void mergePatchesChangeOnlyWhatDiffers() {
        Map<String, Object> from = Map.of("metadata", Map.of("labels", Map.of("a", "1", "b", "2")),
                "rules", List.of(Map.of("verbs", List.of("get"))), "gone", "x");
        Map<String, Object> to = Map.of("metadata", Map.of("labels", Map.of("a", "1", "c", "3")),
                "rules", List.of(Map.of("verbs", List.of("get", "list"))));
        Map<String, Object> patch = MergePatch.diff(from, to);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("c", "3");
        labels.put("b", null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("metadata", Map.of("labels", labels));
        expected.put("rules", List.of(Map.of("verbs", List.of("get", "list"))));
        expected.put("gone", null);
        assertTrue(Json.same(expected, patch), patch::toString);
        assertTrue(MergePatch.diff(to, to).isEmpty());
        assertEquals(Set.of("metadata.labels.c", "metadata.labels.b", "rules", "gone"), Set.copyOf(MergePatch.paths(patch)));
        assertEquals(List.of("data"), MergePatch.paths(Map.of("data", Map.of("password", "x"))),
                "secret data keys are not listed");
    }

    private static Value role(String hcl) {
        Diagnostics d = new Diagnostics();
        Value v = Hcl.body(RbacSchemas.role(), hcl, d);
        assertFalse(d.hasErrors(), d::toString);
        return v;
    }

    @Test
    void projectionKeepsOwnedFieldsOnly() {
        BlockSchema schema = RbacSchemas.role();
        Ownership own = new Ownership(Set.of(), LockstepKeys.importFilter(List.of(), List.of()));
        Value shape = role("metadata {\n name = \"r\"\n labels = { team = \"a\" }\n}\nrule {\n verbs = [\"get\"]\n "
                + "resources = [\"pods\"]\n}\n");
        Value live = role("metadata {\n name = \"r\"\n labels = { team = \"b\", \"kubernetes.io/x\" = \"y\", other = "
                + "\"z\" }\n annotations = { note = \"n\" }\n}\nrule {\n verbs = [\"get\"]\n resources = [\"pods\"]\n "
                + "api_groups = [\"\"]\n}\nrule {\n verbs = [\"*\"]\n resources = [\"*\"]\n}\n");
        Value p = own.project(schema, live, shape);
        Value meta = Values.first(p, "metadata");
        assertEquals(Set.of("team"), Values.entries(meta, "labels").keySet());
        assertEquals("b", Values.entries(meta, "labels").get("team").asString());
        assertTrue(Values.attr(meta, "annotations").isNull(), "annotations were never lockstep's");
        List<Value> rules = Values.elements(p, "rule");
        assertEquals(2, rules.size(), "the rule list is owned whole: an added rule shows");
        assertTrue(Values.attr(rules.get(0), "api_groups").isNull(), "api_groups was never set by lockstep");

        Value imported = own.project(schema, live, null);
        assertEquals(Set.of("team", "other"), Values.entries(Values.first(imported, "metadata"), "labels").keySet());
        assertEquals(3, Values.elements(imported, "rule").get(0).attributes().values().stream()
                .filter(v -> !v.isNull()).count());
    }

    @Test
    void internalKeysFollowTheTerraformRule() {
        assertTrue(LockstepKeys.isInternal("kubernetes.io/metadata.name"));
        assertTrue(LockstepKeys.isInternal("kubectl.kubernetes.io/last-applied-configuration"));
        assertTrue(LockstepKeys.isInternal("node.k8s.io/x"));
        assertFalse(LockstepKeys.isInternal("app.kubernetes.io/name"));
        assertFalse(LockstepKeys.isInternal("service.beta.kubernetes.io/aws-load-balancer-type"));
        assertFalse(LockstepKeys.isInternal("team"));
        assertTrue(LockstepKeys.isOwn("lockstep.dev/address"));
    }

    @Test
    void endpointsAreCountedAsTemplates() {
        assertEquals("/api/v1/namespaces/{name}", RequestCounter.template("/api/v1/namespaces/team-a"));
        assertEquals("/api/v1/namespaces", RequestCounter.template("/api/v1/namespaces"));
        assertEquals("/api/v1/namespaces/{ns}/secrets", RequestCounter.template("/api/v1/namespaces/a/secrets"));
        assertEquals("/api/v1/namespaces/{ns}/secrets/{name}", RequestCounter.template("/api/v1/namespaces/a/secrets/b"));
        assertEquals("/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}",
                RequestCounter.template("/apis/rbac.authorization.k8s.io/v1/clusterroles/view"));
        assertEquals("/apis/hashicorp.com/v1", RequestCounter.template("/apis/hashicorp.com/v1"));
        assertEquals("/version", RequestCounter.template("/version"));
    }

    @Test
    void durationsAreReadAsTerraformWritesThem() {
        assertEquals(Duration.ofSeconds(90), Settings.duration("1m30s", null));
        assertEquals(Duration.ofMillis(500), Settings.duration("500ms", null));
        assertEquals(Duration.ofHours(2), Settings.duration("2h", null));
        assertEquals(Duration.ofSeconds(5), Settings.duration(null, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> Settings.duration("5 minutes", null));
    }
}
