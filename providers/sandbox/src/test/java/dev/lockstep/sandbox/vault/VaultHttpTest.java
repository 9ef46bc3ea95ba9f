package dev.lockstep.sandbox.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.testing.MutableClock;
import dev.lockstep.sandbox.testing.RawHttp;
import dev.lockstep.sandbox.testing.RawHttp.Answer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wire-level behaviour (what curl or the vault CLI sees), persistence and token expiry. */
class VaultHttpTest {
    @TempDir
    Path dir;

    private static Answer call(VaultEmulator v, String method, String path, String body, String token) {
        URI uri = URI.create(v.baseUri() + path);
        return token == null ? RawHttp.send(method, uri, body) : RawHttp.send(method, uri, body, "X-Vault-Token", token);
    }

    @Test
    void wireFormatOfDataMetadataListAndMounts() {
        try (VaultEmulator v = new VaultEmulator()) {
            v.start();
            String root = v.rootToken();
            Answer w = call(v, "POST", "/v1/secret/data/app/db", "{\"data\":{\"password\":\"p1\"}}", root);
            assertEquals(200, w.status());
            assertEquals("application/json", w.header("Content-Type"));
            JsonNode wd = w.json();
            assertEquals(1, wd.path("data").path("version").asInt());
            assertTrue(wd.path("data").has("created_time") && wd.has("request_id") && wd.path("auth").isNull());
            call(v, "PUT", "/v1/secret/data/app/db", "{\"data\":{\"password\":\"p2\"},\"options\":{\"cas\":1}}", root);

            JsonNode meta = call(v, "GET", "/v1/secret/metadata/app/db", null, root).json().path("data");
            assertEquals(2, meta.path("current_version").asInt());
            assertEquals(1, meta.path("oldest_version").asInt());
            assertEquals(List.of("1", "2"), List.copyOf(iter(meta.path("versions").fieldNames())));
            assertEquals("", meta.path("versions").path("1").path("deletion_time").asText());
            assertFalse(meta.path("created_time").asText().isEmpty());

            Answer list = call(v, "LIST", "/v1/secret/metadata/app/", null, root);
            assertEquals(200, list.status());
            assertEquals("[\"db\"]", list.json().path("data").path("keys").toString());
            assertEquals(list.json().path("data"), call(v, "GET", "/v1/secret/metadata/app?list=true", null, root).json().path("data"));
            assertEquals(404, call(v, "LIST", "/v1/secret/metadata/none/", null, root).status());

            JsonNode mounts = call(v, "GET", "/v1/sys/mounts", null, root).json();
            assertEquals("kv", mounts.path("data").path("secret/").path("type").asText());
            assertEquals("2", mounts.path("data").path("secret/").path("options").path("version").asText());
            assertEquals(mounts.path("secret/"), mounts.path("data").path("secret/"), "legacy top-level copy");

            JsonNode ui = call(v, "GET", "/v1/sys/internal/ui/mounts/secret/app/db", null, root).json().path("data");
            assertEquals("secret/", ui.path("path").asText());

            Answer noToken = call(v, "GET", "/v1/secret/data/app/db", null, null);
            assertEquals(403, noToken.status());
            assertEquals("{\"errors\":[\"permission denied\"]}", noToken.body());
            Answer bearer = RawHttp.send("GET", URI.create(v.baseUri() + "/v1/secret/data/app/db"), null,
                    "Authorization", "Bearer " + root, "X-Vault-Namespace", "ns1/");
            assertEquals("p2", bearer.json().path("data").path("data").path("password").asText());
            assertEquals(404, call(v, "GET", "/v1/nomount/data/x", null, root).status());
            assertEquals(200, call(v, "GET", "/v1/sys/health", null, null).status());

            var log = v.requestLog().snapshot();
            assertEquals(1, log.count("POST /v1/{mount}/data/{path}"));
            assertEquals(3, log.count("LIST /v1/{mount}/metadata/{path}"), "GET ?list=true counts as LIST");
            assertEquals(1, log.count("GET /v1/sys/mounts"));
        }
    }

    private static <T> List<T> iter(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void patchMaxVersionsAndCasRequired() {
        try (VaultEmulator v = new VaultEmulator()) {
            v.start();
            String root = v.rootToken();
            v.putSecret("secret/app", Map.of("a", "1", "b", "2"));
            Answer wrongType = call(v, "PATCH", "/v1/secret/data/app", "{\"data\":{\"a\":null}}", root);
            assertEquals(415, wrongType.status());
            Answer patched = RawHttp.send("PATCH", URI.create(v.baseUri() + "/v1/secret/data/app"),
                    "{\"data\":{\"a\":null,\"c\":\"3\"}}", "X-Vault-Token", root, "Content-Type", "application/merge-patch+json");
            assertEquals(2, patched.json().path("data").path("version").asInt());
            JsonNode now = call(v, "GET", "/v1/secret/data/app", null, root).json().path("data").path("data");
            assertEquals("{\"b\":\"2\",\"c\":\"3\"}", now.toString());

            assertEquals(204, call(v, "POST", "/v1/secret/metadata/app",
                    "{\"max_versions\":2,\"cas_required\":true,\"custom_metadata\":{\"owner\":\"platform\"}}", root).status());
            Answer noCas = call(v, "POST", "/v1/secret/data/app", "{\"data\":{\"x\":\"y\"}}", root);
            assertEquals(400, noCas.status());
            assertEquals("{\"errors\":[\"check-and-set parameter required for this call\"]}", noCas.body());
            assertEquals(200, call(v, "POST", "/v1/secret/data/app", "{\"data\":{\"x\":\"y\"},\"options\":{\"cas\":2}}", root).status());
            JsonNode meta = call(v, "GET", "/v1/secret/metadata/app", null, root).json().path("data");
            assertEquals(2, meta.path("oldest_version").asInt(), "max_versions 2 prunes version 1");
            assertEquals("platform", meta.path("custom_metadata").path("owner").asText());
            assertEquals(404, call(v, "GET", "/v1/secret/data/app?version=1", null, root).status());
        }
    }

    @Test
    void mountsCanBeEnabledOverHttpButOnlyKvV2() {
        try (VaultEmulator v = new VaultEmulator()) {
            v.start();
            String root = v.rootToken();
            assertEquals(204, call(v, "POST", "/v1/sys/mounts/team/kv", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}", root).status());
            Answer dup = call(v, "POST", "/v1/sys/mounts/team/kv", "{\"type\":\"kv-v2\"}", root);
            assertEquals(400, dup.status());
            assertTrue(dup.body().contains("path is already in use at team/kv/"));
            assertEquals(400, call(v, "POST", "/v1/sys/mounts/pki", "{\"type\":\"pki\"}", root).status());
            assertEquals(200, call(v, "POST", "/v1/team/kv/data/x", "{\"data\":{\"k\":\"v\"}}", root).status());
            assertEquals(1, v.requestLog().snapshot().count("POST /v1/{mount}/data/{path}"));
        }
    }

    @Test
    void tokensExpireOnTheClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (VaultEmulator v = new VaultEmulator(new VaultSettings().clock(clock), EmulatorServer.Options.defaults())) {
            v.start();
            String t = v.createToken(List.of("app"), Duration.ofMinutes(10));
            JsonNode self = call(v, "GET", "/v1/auth/token/lookup-self", null, t).json().path("data");
            assertEquals(600, self.path("ttl").asLong());
            assertEquals("2026-01-01T00:10:00Z", self.path("expire_time").asText());
            clock.advance(Duration.ofMinutes(9));
            assertEquals(200, call(v, "POST", "/v1/auth/token/renew-self", "{}", t).status());
            clock.advance(Duration.ofMinutes(9));
            assertEquals(200, call(v, "GET", "/v1/auth/token/lookup-self", null, t).status(), "renewal moved the expiry");
            clock.advance(Duration.ofMinutes(2));
            assertEquals(403, call(v, "GET", "/v1/auth/token/lookup-self", null, t).status());
            assertEquals(200, call(v, "GET", "/v1/auth/token/lookup-self", null, v.rootToken()).status(), "root never expires");
        }
    }

    @Test
    void stateSurvivesARestartAndTokensAreStoredAsHashes() throws Exception {
        EmulatorServer.Options opts = EmulatorServer.Options.defaults().withStore(new DirectoryStateStore(dir, "vault"));
        String token;
        try (VaultEmulator first = new VaultEmulator(new VaultSettings(), opts)) {
            first.start();
            first.mount("team/kv");
            first.putSecret("team/kv/app", Map.of("k", "v1"));
            token = first.createToken(List.of("app"), Duration.ofHours(1));
            assertEquals(200, call(first, "POST", "/v1/secret/data/x", "{\"data\":{\"k\":\"over-http\"}}", token).status());
            String saved = Files.readString(dir.resolve("vault.json"));
            assertTrue(saved.contains("over-http"), "saved after each mutating request");
            assertFalse(saved.contains(token), "token values are stored only as hashes");
        }
        try (VaultEmulator second = new VaultEmulator(new VaultSettings(), opts)) {
            second.start();
            assertEquals("v1", call(second, "GET", "/v1/team/kv/data/app", null, token).json().path("data").path("data").path("k").asText());
            assertEquals("over-http", call(second, "GET", "/v1/secret/data/x", null, token).json().path("data").path("data").path("k").asText());
            second.revokeToken(token);
        }
        try (VaultEmulator third = new VaultEmulator(new VaultSettings(), opts)) {
            third.start();
            assertEquals(403, call(third, "GET", "/v1/secret/data/x", null, token).status(), "revocation persisted");
        }
    }
}
