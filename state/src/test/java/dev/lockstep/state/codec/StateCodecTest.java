package dev.lockstep.state.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.testing.SampleStates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("lockstep.updateGoldens");
    static final String VERSION = "0.1.0-golden";

    private final StateCodec codec = new StateCodec(VERSION);
    private final StateCodec withV0 = new StateCodec(VERSION, List.of(new FakeV0Upgrader()));

    /** With -Dlockstep.updateGoldens=true, rewrites the goldens from the sample states before any test reads them. */
    @BeforeAll
    static void updateGoldens() throws IOException {
        if (!UPDATE) {
            return;
        }
        StateCodec codec = new StateCodec(VERSION);
        byte[] rich = codec.encode(SampleStates.rich());
        Files.createDirectories(GOLDEN);
        Files.write(GOLDEN.resolve("state-v1-rich.json"), rich);
        Files.write(GOLDEN.resolve("state-v1-empty.json"), codec.encode(SampleStates.empty()));
        ObjectNode v0 = FakeV0Upgrader.downgrade((ObjectNode) Json.parse(rich));
        Files.write(GOLDEN.resolve("state-v0-rich.json"), Json.write(true, g -> Json.MAPPER.writeTree(g, v0)));
    }

    @Test
    void sampleStatesEncodeToTheirGoldens() throws Exception {
        byte[] rich = codec.encode(SampleStates.rich());
        assertEquals(Files.readString(GOLDEN.resolve("state-v1-rich.json"), StandardCharsets.UTF_8),
                new String(rich, StandardCharsets.UTF_8));
        assertArrayEquals(Files.readAllBytes(GOLDEN.resolve("state-v1-empty.json")), codec.encode(SampleStates.empty()));
    }

    @Test
    void everyV1GoldenRoundTripsByteForByte() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("state-v1-")).sorted().toList();
        }
        assertTrue(files.size() >= 2, "goldens: " + files);
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertArrayEquals(bytes, codec.encode(codec.decode(bytes, f.toString())), f.toString());
        }
    }

    @Test
    void decodingTheRichGoldenGivesTheSampleState() throws Exception {
        byte[] bytes = Files.readAllBytes(GOLDEN.resolve("state-v1-rich.json"));
        State decoded = codec.decode(bytes, "rich");
        assertEquals(SampleStates.rich(), decoded);
        ResourceInstance role = decoded.resources().values().stream()
                .filter(r -> r.address().type().equals("kubernetes_role")).findFirst().orElseThrow();
        Value token = role.attributes().get("token");
        assertTrue(token.isNull() && token.isSensitive(), "secret comes back as a marked null");
        assertTrue(role.secretHashes().get(AttributePath.of("token")).startsWith("hmac-sha256:"));
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains(SampleStates.CANARY));
    }

    @Test
    void resourcesAreSortedByAddressAndKeysInFixedOrder() throws Exception {
        String text = new String(codec.encode(SampleStates.rich()), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"version\": 1,\n  \"lineage\": \""), text);
        int prev = -1;
        for (ResourceAddress a : SampleStates.rich().resources().keySet()) {
            int at = text.indexOf("\"address\": " + Json.MAPPER.writeValueAsString(a.toString()));
            assertTrue(at > prev, a + " out of order");
            prev = at;
        }
    }

    @Test
    void version0IsUpgradedThroughTheChain() throws Exception {
        byte[] v0 = Files.readAllBytes(GOLDEN.resolve("state-v0-rich.json"));
        assertTrue(new String(v0, StandardCharsets.UTF_8).contains("\"version\": 0"));
        State s = withV0.decode(v0, "v0");
        assertEquals(SampleStates.rich(), s);
        assertArrayEquals(Files.readAllBytes(GOLDEN.resolve("state-v1-rich.json")), withV0.encode(s));
        StateException e = assertThrows(StateException.class, () -> codec.decode(v0, ".lockstep/state.json"));
        assertTrue(e.getMessage().contains(".lockstep/state.json has state format version 0, which this lockstep cannot "
                + "read (it reads versions 1 to 1)"), e.getMessage());
        assertEquals(0, withV0.oldestReadableVersion());
    }

    @Test
    void upgraderChainIsValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new StateCodec(VERSION, List.of(new FakeV0Upgrader(), new FakeV0Upgrader())));
        StateUpgrader tooFar = new StateUpgrader() {
            @Override
            public int fromVersion() {
                return 1;
            }

            @Override
            public ObjectNode upgrade(ObjectNode document) {
                return document;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new StateCodec(VERSION, List.of(tooFar)));
    }

    private static ObjectNode richTree() throws IOException {
        return (ObjectNode) Json.parse(new StateCodec(VERSION).encode(SampleStates.rich()));
    }

    private static byte[] bytes(ObjectNode n) {
        return Json.write(true, g -> Json.MAPPER.writeTree(g, n));
    }

    @Test
    void newerVersionIsRefusedNamingTheFile() throws Exception {
        ObjectNode doc = richTree();
        doc.put("version", 2);
        StateException e = assertThrows(StateException.class, () -> codec.decode(bytes(doc), "/x/.lockstep/state.json"));
        assertEquals("/x/.lockstep/state.json has state format version 2, written by a newer lockstep; this lockstep "
                + "reads versions up to 1. Upgrade lockstep to use this state.", e.getMessage());
    }

    @Test
    void corruptJsonIsRefusedNamingTheFile() throws Exception {
        byte[] good = codec.encode(SampleStates.rich());
        byte[] half = java.util.Arrays.copyOf(good, good.length / 2);
        StateException e = assertThrows(StateException.class, () -> codec.decode(half, "/x/state.json"));
        assertTrue(e.getMessage().startsWith("/x/state.json is corrupt: it is not valid JSON"), e.getMessage());
        assertThrows(StateException.class, () -> codec.decode("[]".getBytes(StandardCharsets.UTF_8), "f"));
        assertThrows(StateException.class, () -> codec.decode(new byte[0], "f"));
        String dup = "{\"version\":1,\"version\":1}";
        assertThrows(StateException.class, () -> codec.decode(dup.getBytes(StandardCharsets.UTF_8), "f"));
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        for (String field : List.of("provider", "attributes", "attributes_type", "status", "sensitive_paths", "id")) {
            ObjectNode doc = richTree();
            ((ObjectNode) doc.get("resources").get(1)).remove(field);
            StateException e = assertThrows(StateException.class, () -> codec.decode(bytes(doc), "/x/state.json"));
            assertTrue(e.getMessage().startsWith("/x/state.json is corrupt or was edited by hand: resources[1]." + field
                    + ": the field is missing"), e.getMessage());
        }
        ObjectNode doc = richTree();
        doc.remove("lineage");
        StateException e = assertThrows(StateException.class, () -> codec.decode(bytes(doc), "/x/state.json"));
        assertTrue(e.getMessage().contains("lineage: the field is missing"), e.getMessage());
    }

    @Test
    void inconsistentOrMalformedResourcesAreRefused() throws Exception {
        ObjectNode doc = richTree();
        ((ObjectNode) doc.get("resources").get(0)).put("type", "other_type");
        StateException e = assertThrows(StateException.class, () -> codec.decode(bytes(doc), "f"));
        assertTrue(e.getMessage().contains("resources[0].type: does not match the address"), e.getMessage());

        ObjectNode doc2 = richTree();
        ((ObjectNode) doc2.get("resources").get(0)).put("status", "exploded");
        assertThrows(StateException.class, () -> codec.decode(bytes(doc2), "f"));

        ObjectNode doc3 = richTree();
        ArrayNode rs = (ArrayNode) doc3.get("resources");
        rs.add(rs.get(0).deepCopy());
        e = assertThrows(StateException.class, () -> codec.decode(bytes(doc3), "f"));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void secretsAreNeverEncoded() {
        ResourceInstance leaky = SampleStates.instance("x", "v");
        ResourceInstance marked = new ResourceInstance(leaky.address(), leaky.provider(), 0, "id",
                Value.object(Map.of("password", Value.string(SampleStates.CANARY).markSensitive())), Map.of(), List.of(),
                ResourceInstance.Status.READY, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(SampleStates.empty().withResource(marked)));
        assertTrue(e.getMessage().contains("refusing to record the sensitive value at password"), e.getMessage());
        assertFalse(e.getMessage().contains(SampleStates.CANARY));

        ResourceInstance hashedButPresent = new ResourceInstance(leaky.address(), leaky.provider(), 0, "id",
                Value.object(Map.of("password", Value.string(SampleStates.CANARY))),
                Map.of(AttributePath.of("password"), "hmac-sha256:00"), List.of(), ResourceInstance.Status.READY, null, null);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(SampleStates.empty().withResource(hashedButPresent)));

        ResourceInstance unknown = new ResourceInstance(leaky.address(), leaky.provider(), 0, "id",
                Value.object(Map.of("a", Value.unknown(dev.lockstep.api.value.Type.STRING))), Map.of(), List.of(),
                ResourceInstance.Status.READY, null, null);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(SampleStates.empty().withResource(unknown)));
    }

    @Test
    void peekReadsOnlyTheHeader() throws Exception {
        byte[] bytes = codec.encode(SampleStates.rich());
        StateHeader h = StateCodec.peekHeader(new ByteArrayInputStream(bytes), "f");
        assertEquals(new StateHeader(1, SampleStates.LINEAGE, 7), h);
        assertThrows(StateException.class,
                () -> StateCodec.peekHeader(new ByteArrayInputStream("{\"version\":1}".getBytes(StandardCharsets.UTF_8)), "f"));
    }

    @Test
    void pendingCreateHasNoId() throws Exception {
        State s = codec.decode(codec.encode(SampleStates.rich()), "f");
        ResourceInstance p = s.resource(ResourceAddress.managed("terraform_data", "bootstrap"));
        assertEquals(ResourceInstance.Status.PENDING_CREATE, p.status());
        assertNull(p.id());
    }
}
