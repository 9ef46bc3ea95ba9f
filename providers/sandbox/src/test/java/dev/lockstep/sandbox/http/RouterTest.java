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
  void queryParsingKeepsRepeatsAndDecodes() {
    Map<String, List<String>> q = ApiRequest.parseQuery("filter_by.cluster_states=RUNNING&filter_by.cluster_states=PENDING&f=a%20b+c&flag");
    assertEquals(List.of("RUNNING", "PENDING"), q.get("filter_by.cluster_states"));
    assertEquals(List.of("a b c"), q.get("f"));
    assertEquals(List.of(""), q.get("flag"));
  }
}
