package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Proposals;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Names the API server would refuse, or that would not fit in a request URL, are diagnostics
 * before any request is made: an empty data source name (the fabric8 client would throw "Name must
 * be provided"), names breaking a kind's DNS-1123 rule, slashes, bad namespaces, bad import ids.
 */
class ObjectNamesTest {

    private MockCluster cluster;
    private Provider provider;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open();
    }

    @AfterEach
    void stop() {
        provider.close();
        cluster.close();
    }

    private Diagnostics plan(String type, String body) {
        ResourceHandler h = provider.resource(type);
        Diagnostics parse = new Diagnostics();
        Value config = Hcl.body(h.schema().block(), body, parse);
        assertFalse(parse.hasErrors(), parse::toString);
        Value proposed = Proposals.proposeNew(h.schema().block(), config);
        return ((PlanCustomizer) h).plan(new PlanCustomizer.PlanRequest(ResourceAddress.managed(type, "x"), null,
                proposed, config)).diagnostics();
    }

    private DataSourceHandler.DataResponse read(String type, String body) {
        DataSourceHandler h = provider.dataSource(type);
        Diagnostics parse = new Diagnostics();
        Value config = Hcl.body(h.schema().block(), body, parse);
        assertFalse(parse.hasErrors(), parse::toString);
        return h.read(config);
    }

    private static Diagnostic only(Diagnostics d) {
        assertEquals(1, d.size(), d::toString);
        return d.asList().get(0);
    }

    private long requests() {
        return provider.requestCounts().entrySet().stream().filter(e -> !e.getKey().equals("GET /version"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    @Test
    void anEmptyDataSourceNameIsADiagnosticWithoutARequest() {
        DataSourceHandler.DataResponse r = read("kubernetes_secret", "metadata {\n name = \"\"\n}\n");
        assertNull(r.state());
        Diagnostic d = only(r.diagnostics());
        assertEquals("Invalid object name", d.summary());
        assertTrue(d.detail().startsWith("metadata[0].name is empty: a Secret needs a name."), d::toString);
        assertTrue(d.detail().contains("default_secret_name"), d::toString);
        assertEquals(0, requests(), provider.requestCounts()::toString);
    }

    @Test
    void dataSourceNamesAndNamespacesFollowTheKindsRules() {
        Diagnostic slash = only(read("kubernetes_secret", "metadata {\n name = \"a/b\"\n}\n").diagnostics());
        assertTrue(slash.detail().contains("metadata[0].name \"a/b\" is not a valid Secret name: it must be a "
                + "DNS-1123 subdomain"), slash::toString);
        Diagnostic ns = only(read("kubernetes_service_account", "metadata {\n name = \"builder\"\n namespace = "
                + "\"Team_A\"\n}\n").diagnostics());
        assertEquals("Invalid namespace", ns.summary());
        assertTrue(ns.detail().contains("\"Team_A\" is not a valid namespace name: it must be a DNS-1123 label"),
                ns::toString);
        Diagnostic nsName = only(read("kubernetes_namespace", "metadata {\n name = \"a.b\"\n}\n").diagnostics());
        assertTrue(nsName.detail().contains("is not a valid Namespace name: it must be a DNS-1123 label"),
                nsName::toString);
        assertEquals(0, requests(), provider.requestCounts()::toString);
    }

    @Test
    void resourceNamesAreCheckedWhenPlanned() {
        Diagnostic cm = only(plan("kubernetes_config_map", "metadata {\n name = \"Settings_1\"\n}\n"));
        assertEquals("Invalid object name", cm.summary());
        assertTrue(cm.detail().contains("metadata[0].name \"Settings_1\" is not a valid ConfigMap name"),
                cm::toString);
        Diagnostic role = only(plan("kubernetes_role", "metadata {\n name = \"a/b\"\n}\nrule {\n api_groups = "
                + "[\"\"]\n resources = [\"pods\"]\n verbs = [\"get\"]\n}\n"));
        assertTrue(role.detail().contains("it must be usable in a URL path"), role::toString);
        Diagnostic empty = only(plan("kubernetes_secret", "metadata {\n name = \"\"\n}\n"));
        assertTrue(empty.detail().startsWith("metadata[0].name is empty"), empty::toString);
        Diagnostic unset = only(plan("kubernetes_secret", "metadata {\n namespace = \"default\"\n}\n"));
        assertTrue(unset.detail().contains("metadata[0].name is not set: a Secret needs a name. Set name, or "
                + "generate_name"), unset::toString);
        Diagnostic ns = only(plan("kubernetes_secret", "metadata {\n name = \"x\"\n namespace = \"a/b\"\n}\n"));
        assertEquals("Invalid namespace", ns.summary());
    }

    @Test
    void namesTheApiAcceptsPass() {
        // RBAC names may hold colons; generate_name stands in for a name; a dotted subdomain is a valid secret name
        String rule = "rule {\n api_groups = [\"\"]\n resources = [\"pods\"]\n verbs = [\"get\"]\n}\n";
        assertTrue(plan("kubernetes_cluster_role", "metadata {\n name = \"system:lockstep:reader\"\n}\n" + rule)
                .isEmpty());
        assertTrue(plan("kubernetes_secret", "metadata {\n generate_name = \"token-\"\n}\n").isEmpty());
        assertTrue(plan("kubernetes_secret", "metadata {\n name = \"db.credentials-2\"\n}\n").isEmpty());
        assertTrue(plan("kubernetes_namespace", "metadata {\n name = \"team-a\"\n}\n").isEmpty());
        // an unknown name is checked once it is known
        Value unknownName = Hcl.body(provider.resource("kubernetes_secret").schema().block(),
                "metadata {\n name = var.name\n}\n", new Diagnostics());
        ResourceHandler h = provider.resource("kubernetes_secret");
        assertTrue(((PlanCustomizer) h).plan(new PlanCustomizer.PlanRequest(ResourceAddress.managed(
                "kubernetes_secret", "x"), null, Proposals.proposeNew(h.schema().block(), unknownName), unknownName))
                .diagnostics().isEmpty());
    }

    @Test
    void aManifestNameIsCheckedByItsKind() {
        Diagnostic d = only(plan("kubernetes_manifest", "manifest = {\n apiVersion = \"v1\"\n kind = \"ConfigMap\"\n"
                + " metadata = { name = \"Bad Name\", namespace = \"default\" }\n}\n"));
        assertTrue(d.detail().contains("manifest.metadata.name \"Bad Name\" is not a valid ConfigMap name"),
                d::toString);
        Diagnostic cr = only(plan("kubernetes_manifest", "manifest = {\n apiVersion = \"example.com/v1\"\n kind = "
                + "\"Widget\"\n metadata = { name = \"..\" }\n}\n"));
        assertTrue(cr.detail().contains("it must be usable in a URL path"), cr::toString);
    }

    @Test
    void importIdsWithAnEmptyOrInvalidNameAreDiagnostics() {
        ResourceImporter role = (ResourceImporter) provider.resource("kubernetes_role");
        Diagnostic empty = only(role.importObject("team-a/").diagnostics());
        assertTrue(empty.detail().startsWith("The name in the import id is empty"), empty::toString);
        ResourceImporter ns = (ResourceImporter) provider.resource("kubernetes_namespace");
        Diagnostic bad = only(ns.importObject("Team A").diagnostics());
        assertTrue(bad.detail().contains("is not a valid Namespace name"), bad::toString);
        ResourceImporter manifest = (ResourceImporter) provider.resource("kubernetes_manifest");
        Diagnostic m = only(manifest.importObject("apiVersion=v1,kind=ConfigMap,namespace=default,name=")
                .diagnostics());
        assertTrue(m.detail().startsWith("The name in the import id is empty"), m::toString);
        assertEquals(0, requests(), provider.requestCounts()::toString);
    }
}
