package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.PatCredentialsProvider;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.provider.databricks.client.Sleeper;
import dev.lockstep.provider.databricks.schema.DatabricksSchema;
import dev.lockstep.sandbox.databricks.DatabricksEmulator;
import dev.lockstep.sandbox.databricks.WorkspaceSettings;
import dev.lockstep.sandbox.http.EmulatorServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts one Databricks emulator per test class (fast cluster transitions) and opens the provider
 * against it through its factory, as the CLI's sandbox mode does: the sandbox override carries the
 * host and token. {@link #admin} is a plain SDK client for out-of-band changes.
 */
abstract class EmulatorTest {

    static DatabricksEmulator emulator;
    static DatabricksProvider provider;
    static Spi spi;
    static ApiClient admin;
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    /** Settings of the provider block used by {@link #open()}. */
    static final String SETTINGS = "rate_limit = 500\nconsistency_timeout_seconds = 10\nretry_timeout_seconds = 30\n"
            + "cluster_state_timeout_seconds = 20\n";

    @BeforeAll
    static void startEmulator() {
        emulator = new DatabricksEmulator(new WorkspaceSettings().clusterTransitions(Duration.ofMillis(60)),
                EmulatorServer.Options.defaults());
        emulator.start();
        provider = open(SETTINGS);
        spi = new Spi(provider);
        admin = sdkClient(emulator.adminToken());
    }

    @AfterAll
    static void stopEmulator() {
        if (provider != null) {
            provider.close();
        }
        emulator.stop();
    }

    static ApiClient sdkClient(String token) {
        DatabricksConfig cfg = new DatabricksConfig().setHost(emulator.baseUri().toString()).setToken(token)
                .setCredentialsProvider(new PatCredentialsProvider())
                .setHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build());
        return new ApiClient.Builder().withDatabricksConfig(cfg).build();
    }

    /** Opens a provider on the emulator as the admin with the given provider block body. */
    static DatabricksProvider open(String settingsBody) {
        return open(settingsBody, emulator.adminToken(), Sleeper.SYSTEM);
    }

    static DatabricksProvider open(String settingsBody, String token, Sleeper sleeper) {
        OpenResult r = openResult(settingsBody, Map.of(), Map.of("host", emulator.baseUri().toString(), "token", token),
                sleeper);
        assertNotNull(r.provider(), () -> "provider did not open: " + r.diagnostics());
        return (DatabricksProvider) r.provider();
    }

    static OpenResult openResult(String settingsBody, Map<String, String> env, Map<String, String> sandbox,
            Sleeper sleeper) {
        return new DatabricksProviderFactory(sleeper).open(new ProviderConfig("databricks", null,
                settings(settingsBody), env, Path.of("."), Path.of(".lockstep"), sandbox, LOGGER));
    }

    static Value settings(String body) {
        Diagnostics d = new Diagnostics();
        FunctionContext f = FunctionContext.defaults();
        Value v = new BodyDecoder(d).decode(Hcl.parseFile(body, "provider.tf", d), DatabricksSchema.CONFIG,
                EvalContext.of(Map.of(), Map.of(), f), null);
        if (d.hasErrors()) {
            throw new IllegalArgumentException(d.toString());
        }
        return v;
    }

    static final ProviderLog LOGGER = new ProviderLog() {
        @Override
        public void debug(String message) {
            LOG.add("debug: " + message);
        }

        @Override
        public void info(String message) {
            LOG.add("info: " + message);
        }

        @Override
        public void warn(String message) {
            LOG.add("warn: " + message);
        }
    };
}
