package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.provider.kubernetes.schema.KubernetesSchema;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import dev.lockstep.provider.kubernetes.value.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Blocks laid out as the Terraform provider documents them decode against lockstep's schema
 * without a diagnostic, cover every supported type, and (where all their values are known and
 * nothing waits for a controller the mock lacks) apply and plan empty afterwards.
 */
class ExamplesTest {

    private record Decoded(String kind, String type, String name, Value value) {
    }

    private static List<Decoded> decodeAll(Diagnostics diags) throws IOException {
        String text;
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/terraform-layout/examples.hcl")) {
            assertNotNull(in);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProviderSchema schema = KubernetesSchema.build();
        Body body = Hcl.parse(text, "examples.hcl", diags);
        List<Decoded> out = new ArrayList<>();
        for (Block b : body.blocks()) {
            BlockSchema s;
            String type;
            switch (b.type()) {
                case "resource" -> {
                    type = b.label(0);
                    ResourceSchema r = schema.resources().get(type);
                    assertNotNull(r, "no resource type " + type);
                    s = r.block();
                }
                case "data" -> {
                    type = b.label(0);
                    ResourceSchema r = schema.dataSources().get(type);
                    assertNotNull(r, "no data source " + type);
                    s = r.block();
                }
                case "provider" -> {
                    type = "provider";
                    s = withAlias(schema.config());
                }
                default -> {
                    continue;
                }
            }
            out.add(new Decoded(b.type(), type, b.labels().size() > 1 ? b.label(1) : "", Hcl.block(b, s, diags)));
        }
        return out;
    }

    /** The engine handles {@code alias} in provider blocks; it is not part of the provider's own schema. */
    private static BlockSchema withAlias(BlockSchema config) {
        java.util.List<dev.lockstep.api.schema.AttributeSchema> attrs = new ArrayList<>(config.attributes().values());
        attrs.add(dev.lockstep.api.schema.AttributeSchema.optional("alias", dev.lockstep.api.value.Type.STRING));
        return BlockSchema.of(attrs, new ArrayList<>(config.blocks().values()));
    }

    @Test
    void everyDocumentedBlockDecodesAndEveryTypeIsCovered() throws IOException {
        Diagnostics diags = new Diagnostics();
        List<Decoded> all = decodeAll(diags);
        assertFalse(diags.hasErrors(), diags::toString);
        assertTrue(diags.isEmpty(), diags::toString);
        Set<String> covered = new TreeSet<>();
        for (Decoded d : all) {
            covered.add(d.kind() + " " + d.type().replaceAll("_v1$", "").replace("kubernetes_ingress", "kubernetes_"
                    + "ingress_v1"));
        }
        Set<String> wanted = new TreeSet<>();
        ProviderSchema schema = KubernetesSchema.build();
        schema.resources().keySet().forEach(t -> wanted.add("resource " + t.replaceAll("_v1$", "")
                .replace("kubernetes_ingress", "kubernetes_ingress_v1")));
        schema.dataSources().keySet().forEach(t -> wanted.add("data " + t.replaceAll("_v1$", "")));
        wanted.add("provider provider");
        assertEquals(wanted, covered);
    }

    @Test
    void documentedBlocksWithKnownValuesApplyAndPlanEmpty() throws IOException {
        Diagnostics diags = new Diagnostics();
        List<Decoded> all = decodeAll(diags);
        int applied = 0;
        try (MockCluster cluster = new MockCluster(); Provider p = cluster.open()) {
            Engine engine = new Engine(p);
            for (Decoded d : all) {
                if (!d.kind().equals("resource") || !d.value().isWhollyKnown() || waitsForAController(d.value())) {
                    continue;
                }
                ResourceAddress a = ResourceAddress.managed(d.type(), d.name());
                Instance s = engine.apply(a, null, d.value());
                assertEquals(Engine.Action.NOOP, engine.plan(a, engine.refresh(a, s), d.value()).action(),
                        a::toString);
                applied++;
            }
        }
        assertTrue(applied >= 14, "applied only " + applied);
    }

    private static boolean waitsForAController(Value v) {
        return Values.bool(v, "wait_for_load_balancer", false) || !Values.elements(v, "wait").isEmpty();
    }
}
