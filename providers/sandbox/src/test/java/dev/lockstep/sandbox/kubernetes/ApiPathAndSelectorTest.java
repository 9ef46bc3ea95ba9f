package dev.lockstep.sandbox.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiPathAndSelectorTest {
    @Test
    void templatesAbstractNamespaceAndName() {
        assertEquals("/api/v1/namespaces/{namespace}/secrets/{name}", ApiPath.parse("/api/v1/namespaces/a/secrets/b").template());
        assertEquals("/api/v1/namespaces/{name}", ApiPath.parse("/api/v1/namespaces/a").template());
        assertEquals("/api/v1/namespaces/{name}/finalize", ApiPath.parse("/api/v1/namespaces/a/finalize").template());
        assertEquals("/api/v1/namespaces", ApiPath.parse("/api/v1/namespaces").template());
        ApiPath roles = ApiPath.parse("/apis/rbac.authorization.k8s.io/v1/namespaces/t/roles");
        assertEquals("/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/roles", roles.template());
        assertTrue(roles.isCollection());
        assertEquals("t", roles.namespace());
        assertEquals("rbac.authorization.k8s.io/v1", roles.apiVersion());
        ApiPath status = ApiPath.parse("/apis/example.com/v1/namespaces/t/widgets/w/status");
        assertEquals("status", status.subresource());
        assertEquals("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status", status.template());
        assertEquals("/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}",
                ApiPath.parse("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin").template());
        assertFalse(ApiPath.parse("/version").isResource());
        assertEquals("/apis/example.com/v1", ApiPath.parse("/apis/example.com/v1").template());
        assertNull(ApiPath.parse("/api/v1").resource());
    }

    @Test
    void selectorsFollowKubernetesSemantics() {
        Map<String, String> dev = Map.of("env", "dev", "app.kubernetes.io/managed-by", "lockstep");
        Map<String, String> none = Map.of();
        assertTrue(LabelSelector.parse("app.kubernetes.io/managed-by=lockstep,env==dev").matches(dev));
        assertTrue(LabelSelector.parse("env in (dev, prod)").matches(dev));
        assertFalse(LabelSelector.parse("env notin (dev)").matches(dev));
        assertTrue(LabelSelector.parse("env notin (dev)").matches(none));
        assertTrue(LabelSelector.parse("env!=prod").matches(none));
        assertTrue(LabelSelector.parse("!env").matches(none));
        assertFalse(LabelSelector.parse("env").matches(none));
        assertFalse(LabelSelector.parse("env in (dev),tier").matches(dev));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("env in dev"));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("a,,b"));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("env>3"));
    }
}
