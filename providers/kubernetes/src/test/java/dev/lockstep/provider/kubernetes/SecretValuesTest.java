package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import dev.lockstep.provider.kubernetes.value.Values;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secret values are sensitive end to end: marked in plans and states, absent from logs and error messages. */
class SecretValuesTest {

    private static final String PASSWORD = "s3cr3t-pa55";
    private static final String NEW_PASSWORD = "n3w-pa55word";

    private MockCluster cluster;
    private Provider provider;
    private Engine engine;
    private final ResourceAddress addr = ResourceAddress.managed("kubernetes_secret", "db");

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open();
        engine = new Engine(provider);
    }

    @AfterEach
    void stop() {
        provider.close();
        cluster.close();
    }

    private Value secret(String password, String extra) {
        Diagnostics d = new Diagnostics();
        Value v = Hcl.body(engine.handler("kubernetes_secret").schema().block(), "metadata {\n name = \"db\"\n "
                + "namespace = \"team-a\"\n}\ndata = {\n password = \"" + password + "\"\n}\n" + extra, d);
        assertFalse(d.hasErrors(), d::toString);
        return v;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void assertNoSecretIn(String text) {
        for (String s : List.of(PASSWORD, NEW_PASSWORD, b64(PASSWORD), b64(NEW_PASSWORD))) {
            assertFalse(text.contains(s), () -> "secret value leaked into: " + text);
        }
    }

    @Test
    void valuesAreMarkedAndNeverLogged() {
        Value cfg = secret(PASSWORD, "");
        Engine.Planned p = engine.plan(addr, null, cfg);
        assertTrue(Values.attr(p.response().planned(), "data").isSensitive());
        Instance s1 = engine.apply(addr, null, cfg);
        assertTrue(Values.attr(s1.state(), "data").isSensitive());
        Secret live = cluster.client.secrets().inNamespace("team-a").withName("db").get();
        assertEquals(b64(PASSWORD), live.getData().get("password"));
        assertEquals("Opaque", live.getType());

        Value refreshed = engine.refresh(addr, s1);
        assertTrue(Values.attr(refreshed, "data").isSensitive());
        assertEquals(s1.state(), Engine.redact(refreshed));
        assertTrue(Values.attr(s1.state(), "data").isNull(), "the recorded state holds no secret");
        assertFalse(refreshed.toString().contains(PASSWORD), refreshed::toString);

        Instance s2 = engine.apply(addr, new Instance(s1.id(), refreshed), secret(NEW_PASSWORD, ""));
        assertEquals(b64(NEW_PASSWORD), cluster.client.secrets().inNamespace("team-a").withName("db").get().getData()
                .get("password"));
        engine.destroy(addr, s2);
        assertFalse(cluster.log.isEmpty());
        assertNoSecretIn(String.join("\n", cluster.log));
    }

    @Test
    void binaryDataThatIsTextStaysBinaryAcrossRefreshes() {
        Value cfg = secret(PASSWORD, "binary_data = {\n txt = \"" + b64("plain text") + "\"\n}\n");
        Instance s = engine.apply(addr, null, cfg);
        assertTrue(Values.attr(s.state(), "binary_data").isNull(), "recorded state is redacted");
        Value refreshed = engine.refresh(addr, s);
        assertEquals(b64("plain text"), Values.attr(refreshed, "binary_data").unmark().get("txt").asString());
        assertEquals(Engine.Action.NOOP, engine.plan(addr, refreshed, cfg).action());
        assertEquals("txt", cluster.client.secrets().inNamespace("team-a").withName("db").get().getMetadata()
                .getAnnotations().get("lockstep.dev/binary-data-keys"));
    }

    @Test
    void anErrorEchoingTheValueIsRedacted() {
        cluster.server.expect().post().withPath("/api/v1/namespaces/team-a/secrets").andReturn(422,
                new StatusBuilder().withCode(422).withReason("Invalid").withMessage("Secret \"db\" is invalid: "
                        + "data[password]: Invalid value: \"" + PASSWORD + "\" (" + b64(PASSWORD) + ")").build())
                .once();
        Value cfg = secret(PASSWORD, "");
        Value planned = engine.plan(addr, null, cfg).response().planned();
        ApplyResponse r = ((ResourceCreator) engine.handler("kubernetes_secret")).create(new ApplyRequest(addr, null,
                null, planned, cfg));
        assertTrue(r.diagnostics().hasErrors());
        String text = r.diagnostics().toString();
        assertTrue(text.contains("422") && text.contains("(sensitive value)"), text);
        assertNoSecretIn(text);
        assertNoSecretIn(String.join("\n", cluster.log));
    }

    @Test
    void anImmutableSecretIsReplacedWhenItsDataChanges() {
        Instance s1 = engine.apply(addr, null, secret(PASSWORD, "immutable = true\n"));
        Engine.Planned p = engine.plan(addr, engine.refresh(addr, s1), secret(NEW_PASSWORD, "immutable = true\n"));
        assertEquals(Engine.Action.REPLACE, p.action());
        assertEquals(List.of(dev.lockstep.api.value.AttributePath.of("data")), p.replacePaths());
        Engine.Planned unset = engine.plan(addr, engine.refresh(addr, s1), secret(PASSWORD, ""));
        assertEquals(List.of(dev.lockstep.api.value.AttributePath.of("immutable")), unset.replacePaths());
        Engine.Planned same = engine.plan(addr, engine.refresh(addr, s1), secret(PASSWORD, "immutable = true\n"));
        assertEquals(Engine.Action.NOOP, same.action());
    }

    @Test
    void theDataSourceReadsValuesAsSensitive() {
        engine.apply(addr, null, secret(PASSWORD, "binary_data = {\n \"blob\" = \"3q2+7w==\"\n}\n"));
        DataSourceHandler ds = provider.dataSource("kubernetes_secret_v1");
        Diagnostics d = new Diagnostics();
        Value cfg = Hcl.body(ds.schema().block(), "metadata {\n name = \"db\"\n namespace = \"team-a\"\n}\n"
                + "binary_data = { blob = \"\" }\n", d);
        assertFalse(d.hasErrors(), d::toString);
        DataSourceHandler.DataResponse r = ds.read(cfg);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
        Value data = Values.attr(r.state(), "data");
        assertTrue(data.isSensitive());
        assertEquals(PASSWORD, data.unmark().get("password").asString());
        assertEquals("3q2+7w==", Values.attr(r.state(), "binary_data").unmark().get("blob").asString());
        assertEquals("team-a/db", Values.string(r.state(), "id"));
        assertEquals("Opaque", Values.string(r.state(), "type"));
    }

    @Test
    void aManifestSecretKeepsItsDataSensitive() {
        ResourceAddress m = ResourceAddress.managed("kubernetes_manifest", "s");
        Diagnostics d = new Diagnostics();
        Value cfg = Hcl.body(engine.handler("kubernetes_manifest").schema().block(), "manifest = {\n apiVersion = "
                + "\"v1\"\n kind = \"Secret\"\n metadata = { name = \"m\", namespace = \"team-a\" }\n data = { "
                + "password = \"" + b64(PASSWORD) + "\" }\n}\n", d);
        assertFalse(d.hasErrors(), d::toString);
        Instance s = engine.apply(m, null, cfg);
        assertTrue(Values.attr(s.state(), "manifest").unmark().get("data").isSensitive());
        assertTrue(Values.attr(s.state(), "object").unmark().get("data").isSensitive());
        assertEquals(Engine.Action.NOOP, engine.plan(m, engine.refresh(m, s), cfg).action());
        assertNoSecretIn(String.join("\n", cluster.log));
    }
}
