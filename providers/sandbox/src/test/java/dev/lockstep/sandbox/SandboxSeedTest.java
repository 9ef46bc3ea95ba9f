package dev.lockstep.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration's {@code sandbox-seed.json} gives a new sandbox its secrets, read back over HTTP
 * as providers read them; it never overwrites what changed later, and a malformed file names the
 * place of its problem.
 */
class SandboxSeedTest {

    @TempDir
    Path config;

    private Path seed(String json) throws Exception {
        return Files.writeString(config.resolve(SandboxSeed.FILE), json);
    }

    private static String vaultPassword(Sandbox s, String path) throws Exception {
        Map<String, String> v = s.overrides("vault");
        int slash = path.indexOf('/');
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(v.get("address")
                + "/v1/" + path.substring(0, slash) + "/data/" + path.substring(slash + 1)))
                .header("X-Vault-Token", v.get("token")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode data = new ObjectMapper().readTree(r.body()).path("data").path("data");
        return data.path("password").asText();
    }

    @Test
    void aNewSandboxStartsWithTheSeedAndLaterChangesStay() throws Exception {
        seed("""
                {
                  "vault": { "secret/team/db": { "password": "seeded" }, "kv2/other/x": { "password": "p" } },
                  "aws": { "team/api-key": "k" }
                }
                """);
        Path data = config.resolve(".lockstep/sandbox");
        SandboxSeed s0 = SandboxSeed.find(config).orElseThrow();
        assertEquals(Map.of("password", "seeded"), s0.vault().get("secret/team/db"));
        try (Sandbox s = new Sandbox(data, 0, null).withSeed(s0)) {
            assertEquals("seeded", vaultPassword(s, "secret/team/db"));
            assertEquals("p", vaultPassword(s, "kv2/other/x"), "a missing mount is created");
            assertEquals(1, s.aws().secretCount());
            s.vault().putSecret("secret/team/db", Map.of("password", "changed"));
        }
        try (Sandbox s = new Sandbox(data, 0, null).withSeed(SandboxSeed.find(config).orElseThrow())) {
            assertEquals("changed", vaultPassword(s, "secret/team/db"), "the seed never overwrites");
            assertEquals(1, s.aws().secretCount(), "nor creates twice");
        }
        Sandbox.reset(data);
        try (Sandbox s = new Sandbox(data, 0, null).withSeed(SandboxSeed.find(config).orElseThrow())) {
            assertEquals("seeded", vaultPassword(s, "secret/team/db"), "a reset sandbox is new again");
        }
    }

    @Test
    void noFileNoSeed() {
        assertTrue(SandboxSeed.find(config).isEmpty());
    }

    @Test
    void aDirectoryInPlaceOfTheSeedIsAnErrorNotIgnored() throws Exception {
        Path d = Files.createDirectory(config.resolve(SandboxSeed.FILE));
        SandboxSeed.Invalid e = assertThrows(SandboxSeed.Invalid.class, () -> SandboxSeed.find(config));
        assertEquals(d.toString(), e.where());
        assertEquals("it is a directory, not a file", e.getMessage());
        assertEquals("Invalid sandbox seed", e.summary());
        assertTrue(e.hint().contains("readable file"), e.hint());
        SandboxSeed.Invalid read = assertThrows(SandboxSeed.Invalid.class, () -> SandboxSeed.read(d));
        assertEquals("cannot read it: is a directory", read.getMessage());
    }

    @Test
    void aSeedThatCannotBeReadSaysWhy() throws Exception {
        // a dangling link: found by find (it is there), unreadable (its target is not)
        Path f = config.resolve(SandboxSeed.FILE);
        Files.createSymbolicLink(f, config.resolve("gone.json"));
        SandboxSeed.Invalid e = assertThrows(SandboxSeed.Invalid.class, () -> SandboxSeed.find(config));
        assertEquals(f.toString(), e.where());
        assertEquals("cannot read it: not found", e.getMessage());
    }

    @Test
    void anUnreadableSeedSaysPermissionDenied() throws Exception {
        Path f = seed("{}");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f),
                "running as root, who reads any file: the reason mapping is tested in FileProblemTest");
        SandboxSeed.Invalid e = assertThrows(SandboxSeed.Invalid.class, () -> SandboxSeed.find(config));
        assertEquals("cannot read it: permission denied", e.getMessage());
    }

    private SandboxSeed.Invalid invalid(String json) throws Exception {
        Path f = seed(json);
        return assertThrows(SandboxSeed.Invalid.class, () -> SandboxSeed.read(f));
    }

    @Test
    void malformedSeedsNameTheirPlace() throws Exception {
        SandboxSeed.Invalid e = invalid("{\n  \"vault\": {\n    \"secret/db\": { \"password\": 42 }\n  }\n}\n");
        assertTrue(e.where().endsWith(SandboxSeed.FILE + ":3:32"), e.where());
        assertEquals("the value of \"password\" at \"secret/db\" must be a string", e.getMessage());

        e = invalid("{\n  \"vault\": { \"db\": { \"password\": \"x\" } }\n}\n");
        assertTrue(e.where().endsWith(":2:14"), e.where());
        assertTrue(e.getMessage().contains("is not MOUNT/PATH"), e.getMessage());

        e = invalid("{ \"gcp\": {} }");
        assertTrue(e.where().endsWith(":1:3"), e.where());
        assertEquals("unknown key \"gcp\"", e.getMessage());
        assertTrue(e.hint().contains("docs/sandbox.md"), e.hint());

        e = invalid("{ \"aws\": { \"a\": \"b\", } }");
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
        assertTrue(e.where().endsWith(":1:22"), e.where());

        e = invalid("[]");
        assertEquals("the file must hold one JSON object", e.getMessage());
    }
}
