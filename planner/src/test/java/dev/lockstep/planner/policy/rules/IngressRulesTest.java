package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.blocks;
import static dev.lockstep.planner.policy.rules.TestValues.check;
import static dev.lockstep.planner.policy.rules.TestValues.checkWith;
import static dev.lockstep.planner.policy.rules.TestValues.list;
import static dev.lockstep.planner.policy.rules.TestValues.live;
import static dev.lockstep.planner.policy.rules.TestValues.map;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.planned;
import static dev.lockstep.planner.policy.rules.TestValues.s;
import static dev.lockstep.planner.policy.rules.TestValues.strings;
import static dev.lockstep.planner.policy.rules.TestValues.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k8s-ingress-tls, k8s-ingress-wildcard-host and k8s-ingress-external-auth. */
class IngressRulesTest {

    private final IngressTlsRule tls = new IngressTlsRule();
    private final IngressWildcardHostRule wildcard = new IngressWildcardHostRule();
    private final IngressExternalAuthRule auth = new IngressExternalAuthRule();

    private static final Value NO_ANNOTATIONS = Value.nullOf(Type.map(Type.STRING));

    private static Value rule(String host) {
        return obj("host", host == null ? Value.nullOf(Type.STRING) : Value.string(host));
    }

    private static Value tlsBlock(Value hosts) {
        return obj("hosts", hosts, "secret_name", "cert");
    }

    private static Value ingress(Value annotations, Value rules, Value tlsBlocks) {
        return obj("metadata", blocks(obj("annotations", annotations, "name", "web", "namespace", "a")),
                "spec", blocks(obj("rule", rules, "tls", tlsBlocks)));
    }

    private static Value manifest(Value annotations, Value rules, Value tlsBlocks) {
        Value metadata = annotations == null ? obj("name", "web") : obj("name", "web", "annotations", annotations);
        Value spec = tlsBlocks == null ? obj("rules", rules) : obj("rules", rules, "tls", tlsBlocks);
        return obj("manifest", obj("apiVersion", "networking.k8s.io/v1", "kind", "Ingress", "metadata", metadata,
                "spec", spec));
    }

    private static final Value NO_TLS = Value.emptyList(Type.DYNAMIC);

    // ---------------------------------------------------------------- tls

    @Test
    void ingressWithoutTlsIsReported() {
        for (String type : List.of("kubernetes_ingress_v1", "kubernetes_ingress")) {
            PolicySubject s = planned(type + ".web", ingress(NO_ANNOTATIONS, blocks(rule("app.example.com")), NO_TLS));
            assertEquals(List.of("Ingress \"" + type + ".web\" has no tls block: its hosts are served over plain "
                    + "HTTP"), check(tls, s));
        }
        PolicySubject nullTls = planned("kubernetes_ingress_v1.n", ingress(NO_ANNOTATIONS,
                blocks(rule("a.example.com")), Value.nullOf(Type.list(Type.DYNAMIC))));
        assertEquals(1, check(tls, nullTls).size());
    }

    @Test
    void publicMarkerDoesNotExemptFromTls() {
        PolicySubject s = planned("kubernetes_ingress_v1.web", ingress(map("lockstep.dev/public", "true"),
                blocks(rule("app.example.com")), NO_TLS));
        assertEquals(1, check(tls, s).size());
        assertEquals(List.of(), check(auth, s));
    }

    @Test
    void coveredHostsPass() {
        PolicySubject exact = planned("kubernetes_ingress_v1.a", ingress(NO_ANNOTATIONS,
                blocks(rule("app.example.com"), rule("API.example.com")),
                blocks(tlsBlock(list("app.example.com", "api.example.com")))));
        PolicySubject wildcardCert = planned("kubernetes_ingress_v1.b", ingress(NO_ANNOTATIONS,
                blocks(rule("app.example.com")), blocks(tlsBlock(list("*.example.com")))));
        PolicySubject noHostsInTls = planned("kubernetes_ingress_v1.c", ingress(NO_ANNOTATIONS,
                blocks(rule("app.example.com")), blocks(tlsBlock(Value.nullOf(Type.list(Type.STRING))))));
        PolicySubject hostless = planned("kubernetes_ingress_v1.d", ingress(NO_ANNOTATIONS,
                blocks(rule(null)), blocks(tlsBlock(list("app.example.com")))));
        assertEquals(List.of(), check(tls, exact, wildcardCert, noHostsInTls, hostless));
    }

    @Test
    void hostNotCoveredIsReported() {
        PolicySubject s = planned("kubernetes_ingress_v1.web", ingress(NO_ANNOTATIONS,
                blocks(rule("app.example.com"), rule("admin.example.com"), rule("a.b.example.com")),
                blocks(tlsBlock(list("app.example.com")), tlsBlock(list("*.example.com")))));
        assertEquals(List.of("Ingress \"kubernetes_ingress_v1.web\" serves host \"a.b.example.com\" without a tls "
                + "block covering it"), check(tls, s));
        PolicySubject two = planned("kubernetes_ingress_v1.two", ingress(NO_ANNOTATIONS,
                blocks(rule("x.example.com"), rule("y.example.org")), blocks(tlsBlock(list("z.example.com")))));
        assertEquals(List.of("Ingress \"kubernetes_ingress_v1.two\" serves hosts \"x.example.com\", "
                + "\"y.example.org\" without a tls block covering them"), check(tls, two));
    }

    @Test
    void unknownTlsIsNotReported() {
        PolicySubject unknownTls = planned("kubernetes_ingress_v1.a", ingress(NO_ANNOTATIONS,
                blocks(rule("app.example.com")), Value.unknown(Type.list(Type.DYNAMIC))));
        PolicySubject unknownHosts = planned("kubernetes_ingress_v1.b", ingress(NO_ANNOTATIONS,
                blocks(rule("app.example.com")), blocks(tlsBlock(Value.unknown(Type.list(Type.STRING))))));
        PolicySubject unknownRuleHost = planned("kubernetes_ingress_v1.c", ingress(NO_ANNOTATIONS,
                blocks(obj("host", Value.unknown(Type.STRING))), blocks(tlsBlock(list("app.example.com")))));
        PolicySubject unknownSpec = planned("kubernetes_ingress_v1.d", obj("metadata", blocks(obj("name", "d")),
                "spec", Value.unknown(Type.list(Type.DYNAMIC))));
        assertEquals(List.of(), check(tls, unknownTls, unknownHosts, unknownRuleHost, unknownSpec));
    }

    @Test
    void sensitiveHostIsNotShown() {
        PolicySubject s = planned("kubernetes_ingress_v1.web", ingress(NO_ANNOTATIONS,
                blocks(obj("host", Value.string("*.hidden.example.com").markSensitive())),
                blocks(tlsBlock(list("other.example.com")))));
        List<String> m = new ArrayList<>(check(tls, s));
        m.addAll(check(wildcard, s));
        assertEquals(2, m.size());
        for (String msg : m) {
            assertFalse(msg.contains("hidden"), msg);
            assertTrue(msg.contains("(sensitive value)"), msg);
        }
    }

    @Test
    void manifestIngressTls() {
        PolicySubject none = planned("kubernetes_manifest.web", manifest(null, tuple(obj("host", "a.example.com")),
                null));
        assertEquals(List.of("Ingress \"kubernetes_manifest.web\" has no tls block: its hosts are served over plain "
                + "HTTP"), check(tls, none));
        PolicySubject covered = planned("kubernetes_manifest.ok", manifest(null, tuple(obj("host", "a.example.com")),
                tuple(obj("hosts", strings("a.example.com"), "secretName", "cert"))));
        assertEquals(List.of(), check(tls, covered));
        PolicySubject beta = planned("kubernetes_manifest.old", obj("manifest", obj("apiVersion",
                "extensions/v1beta1", "kind", "Ingress", "metadata", obj("name", "old"), "spec",
                obj("rules", tuple(obj("host", "a.example.com"))))));
        assertEquals(1, check(tls, beta).size());
    }

    // ---------------------------------------------------------------- wildcard hosts

    @Test
    void wildcardRuleAndTlsHosts() {
        PolicySubject s = planned("kubernetes_ingress_v1.web", ingress(NO_ANNOTATIONS,
                blocks(rule("*.example.com"), rule("app.example.com")),
                blocks(tlsBlock(list("*.example.com", "*.example.org")))));
        assertEquals(List.of("Ingress \"kubernetes_ingress_v1.web\" uses wildcard hosts \"*.example.com\", "
                + "\"*.example.org\""), check(wildcard, s));
        PolicySubject plain = planned("kubernetes_ingress.p", ingress(NO_ANNOTATIONS, blocks(rule("a.example.com")),
                NO_TLS));
        PolicySubject unknown = planned("kubernetes_ingress.u", ingress(NO_ANNOTATIONS,
                blocks(obj("host", Value.unknown(Type.STRING))), NO_TLS));
        assertEquals(List.of(), check(wildcard, plain, unknown));
        PolicySubject m = live("kubernetes_manifest.m", manifest(null, tuple(obj("host", "*.example.net")), null));
        assertEquals(List.of("Ingress \"kubernetes_manifest.m\" uses wildcard host \"*.example.net\""),
                check(wildcard, m));
    }

    // ---------------------------------------------------------------- external auth

    @Test
    void ingressWithoutAuthIsReported() {
        PolicySubject s = planned("kubernetes_ingress_v1.web", ingress(NO_ANNOTATIONS, blocks(rule("a.example.com")),
                NO_TLS));
        assertEquals(List.of("Ingress \"kubernetes_ingress_v1.web\" has no authentication annotation (such as "
                + "nginx.ingress.kubernetes.io/auth-url) and is not annotated lockstep.dev/public = \"true\""),
                check(auth, s));
        PolicySubject other = planned("kubernetes_ingress_v1.o", ingress(map(
                "nginx.ingress.kubernetes.io/rewrite-target", "/", "lockstep.dev/public", "false"),
                blocks(rule("a.example.com")), NO_TLS));
        assertEquals(1, check(auth, other).size());
    }

    @Test
    void authAnnotationsPass() {
        for (String a : List.of("nginx.ingress.kubernetes.io/auth-url", "nginx.ingress.kubernetes.io/auth-type",
                "nginx.ingress.kubernetes.io/auth-tls-secret")) {
            PolicySubject s = planned("kubernetes_ingress_v1.web", ingress(map(a, "x"), blocks(rule("a.example.com")),
                    NO_TLS));
            assertEquals(List.of(), check(auth, s), a);
        }
        PolicySubject empty = planned("kubernetes_ingress_v1.e", ingress(map("nginx.ingress.kubernetes.io/auth-url",
                ""), blocks(rule("a.example.com")), NO_TLS));
        assertEquals(1, check(auth, empty).size(), "an empty auth-url turns nothing on");
        PolicySubject signinOnly = planned("kubernetes_ingress_v1.s", ingress(map(
                "nginx.ingress.kubernetes.io/auth-signin", "https://login"), blocks(rule("a.example.com")), NO_TLS));
        assertEquals(1, check(auth, signinOnly).size(), "auth-signin without auth-url authenticates nobody");
    }

    @Test
    void authParametersChangeTheAnnotations() {
        PolicySubject traefik = planned("kubernetes_ingress_v1.t", ingress(map(
                "traefik.ingress.kubernetes.io/router.middlewares", "auth-forward@kubernetescrd"),
                blocks(rule("a.example.com")), NO_TLS));
        assertEquals(1, check(auth, traefik).size());
        assertEquals(List.of(), checkWith(auth, List.of(traefik), "auth_crd_annotations",
                list("traefik.ingress.kubernetes.io/router.middlewares")));
        PolicySubject marked = planned("kubernetes_ingress_v1.m", ingress(map("example.com/open", "true"),
                blocks(rule("a.example.com")), NO_TLS));
        assertEquals(List.of(), checkWith(auth, List.of(marked), "public_annotation", s("example.com/open")));
        assertEquals(List.of("Ingress \"kubernetes_ingress_v1.m\" has no authentication annotation (such as "
                + "example.com/sso) and is not annotated lockstep.dev/public = \"true\""),
                checkWith(auth, List.of(marked), "auth_annotations", list("example.com/sso")));
    }

    @Test
    void unknownAnnotationsAreNotReported() {
        PolicySubject all = planned("kubernetes_ingress_v1.a", ingress(Value.unknown(Type.map(Type.STRING)),
                blocks(rule("a.example.com")), NO_TLS));
        PolicySubject one = planned("kubernetes_ingress_v1.b", ingress(Value.map(Type.STRING, java.util.Map.of(
                "nginx.ingress.kubernetes.io/auth-url", Value.unknown(Type.STRING))), blocks(rule("a.example.com")),
                NO_TLS));
        assertEquals(List.of(), check(auth, all, one));
    }

    @Test
    void manifestAnnotations() {
        PolicySubject open = planned("kubernetes_manifest.web", manifest(obj("lockstep.dev/public", "true"),
                tuple(obj("host", "a.example.com")), null));
        PolicySubject closed = planned("kubernetes_manifest.closed", manifest(null,
                tuple(obj("host", "a.example.com")), null));
        PolicySubject authed = planned("kubernetes_manifest.authed", manifest(obj(
                "nginx.ingress.kubernetes.io/auth-url", "https://auth/verify"), tuple(obj("host", "a.example.com")),
                null));
        assertEquals(List.of("Ingress \"kubernetes_manifest.closed\" has no authentication annotation (such as "
                + "nginx.ingress.kubernetes.io/auth-url) and is not annotated lockstep.dev/public = \"true\""),
                check(auth, open, closed, authed));
    }
}
