package dev.lockstep.sandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Router.Handler OK = r -> ApiResponse.emptyObject();

    @Test
    void capturesParametersAndPrefersLiterals() {
        Router r = new Router().add("GET", "/api/2.0/permissions/{type}/{id}", OK)
                .add("GET", "/api/2.0/permissions/{type}/{id}/permissionLevels", OK)
                .add("GET", "/api/2.0/permissions/authorization/tokens", OK);
        Router.Match m = r.match("GET", "/api/2.0/permissions/clusters/0101-abc").orElseThrow();
        assertEquals(Map.of("type", "clusters", "id", "0101-abc"), m.params());
        assertEquals("/api/2.0/permissions/authorization/tokens", r.match("GET", "/api/2.0/permissions/authorization/tokens")
                .orElseThrow().route().template());
        assertEquals("GET /api/2.0/permissions/{type}/{id}/permissionLevels",
                r.match("GET", "/api/2.0/permissions/jobs/1/permissionLevels").orElseThrow().route().endpoint());
        assertTrue(r.match("PUT", "/api/2.0/permissions/jobs/1").isEmpty());
        assertTrue(r.match("GET", "/api/2.0/permissions/jobs").isEmpty());
        assertTrue(r.match("GET", "/api/2.0/permissions//1").isEmpty(), "empty segments do not bind");
        assertThrows(IllegalArgumentException.class, () -> r.add("GET", "/api/2.0/permissions/{type}/{id}", OK));
    }

    @Test
    void trailingCaptureTakesTheRestAndLosesToLiterals() {
        Router r = new Router().add("GET", "/v1/{path+}", OK)
                .add("GET", "/v1/sys/mounts", OK)
                .add("GET", "/v1/sys/{name}", OK)
                .add("GET", "/v1/auth/{mount}/{rest+}", OK);
        Router.Match m = r.match("GET", "/v1/team/kv/data/app/db").orElseThrow();
        assertEquals("/v1/{path+}", m.route().template());
        assertEquals(Map.of("path", "team/kv/data/app/db"), m.params());
        assertEquals("/v1/sys/mounts", r.match("GET", "/v1/sys/mounts").orElseThrow().route().template());
        assertEquals("/v1/sys/{name}", r.match("GET", "/v1/sys/health").orElseThrow().route().template(),
                "same literal count: the fixed template wins over the trailing capture");
        Router.Match auth = r.match("GET", "/v1/auth/token/lookup-self").orElseThrow();
        assertEquals(Map.of("mount", "token", "rest", "lookup-self"), auth.params());
        assertTrue(r.match("GET", "/v1").isEmpty(), "a trailing capture needs at least one segment");
        assertTrue(r.match("GET", "/v1/auth/token").isEmpty() || !r.match("GET", "/v1/auth/token").orElseThrow()
                .route().template().startsWith("/v1/auth"), "the auth route needs a segment after the mount");
    }

    @Test
    void queryParsingKeepsRepeatsAndDecodes() {
        Map<String, List<String>> q = ApiRequest.parseQuery("filter_by.cluster_states=RUNNING&filter_by.cluster_states=PENDING&f=a%20b+c&flag");
        assertEquals(List.of("RUNNING", "PENDING"), q.get("filter_by.cluster_states"));
        assertEquals(List.of("a b c"), q.get("f"));
        assertEquals(List.of(""), q.get("flag"));
    }
}
