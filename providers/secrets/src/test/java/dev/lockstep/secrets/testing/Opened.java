package dev.lockstep.secrets.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens providers the way the engine does (settings decoded from HCL, an environment, an optional
 * sandbox override) and keeps every diagnostic and log line they produce, for assertions and for
 * the canary search.
 */
public final class Opened {

    /** Every diagnostic any provider or read produced, in order. */
    public final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Every log line. */
    public final RecordingLog log = new RecordingLog();
    private final Path dir;

    public Opened(Path dir) {
        this.dir = dir;
    }

    /** Opens {@code factory} with settings decoded from {@code settingsHcl}. */
    public OpenResult open(ProviderFactory factory, String settingsHcl, Map<String, String> env,
            Map<String, String> sandbox) {
        Value settings = Hcl2.decode(settingsHcl, factory.schema().config());
        OpenResult r = factory.open(new ProviderConfig(factory.name(), null, settings, env, dir, dir.resolve(".lockstep"),
                sandbox, log));
        diagnostics.addAll(r.diagnostics().asList());
        return r;
    }

    /** Opens and asserts success. */
    public Provider openOk(ProviderFactory factory, String settingsHcl, Map<String, String> env,
            Map<String, String> sandbox) {
        OpenResult r = open(factory, settingsHcl, env, sandbox);
        assertNotNull(r.provider(), () -> "open failed: " + r.diagnostics());
        assertFalse(r.diagnostics().hasErrors(), () -> r.diagnostics().toString());
        return r.provider();
    }

    /** Reads data source {@code type} with a config decoded from {@code configHcl}. */
    public DataSourceHandler.DataResponse read(Provider p, String type, String configHcl) {
        DataSourceHandler h = p.dataSource(type);
        assertNotNull(h, type);
        Value config = Hcl2.decode(configHcl, h.schema().block());
        DataSourceHandler.DataResponse r = h.read(config);
        diagnostics.addAll(r.diagnostics().asList());
        return r;
    }

    /** Reads and asserts success; returns the state. */
    public Value readOk(Provider p, String type, String configHcl) {
        DataSourceHandler.DataResponse r = read(p, type, configHcl);
        assertNotNull(r.state(), () -> "read failed: " + r.diagnostics());
        assertFalse(r.diagnostics().hasErrors(), () -> r.diagnostics().toString());
        return r.state();
    }

    /** The single error of a result, for message assertions. */
    public static Diagnostic onlyError(Diagnostics d) {
        List<Diagnostic> errors = d.asList().stream().filter(Diagnostic::isError).toList();
        if (errors.size() != 1) {
            throw new AssertionError("expected one error, got " + d);
        }
        return errors.get(0);
    }
}
