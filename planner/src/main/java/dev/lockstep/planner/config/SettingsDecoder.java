package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decodes and checks the {@code lockstep} blocks of a configuration into {@link Settings}. */
public final class SettingsDecoder {

    private SettingsDecoder() {
    }

    public static Settings decode(Path configDir, List<Block> blocks, Diagnostics diags) {
        return decode(configDir, blocks, diags, null);
    }

    /**
     * Decodes the settings; the {@code encryption} block only when {@code environment} is given
     * (its variables come from there), since only the workspace, which has it, resolves keys.
     */
    public static Settings decode(Path configDir, List<Block> blocks, Diagnostics diags, Map<String, String> environment) {
        Settings s = Settings.defaults(configDir);
        Block backend = null;
        Block encryption = null;
        Block approvals = null;
        for (Block b : blocks) {
            BodyReader.Content c = BodyReader.read(b.body(), Set.of(), Set.of("backend", "encryption", "approvals"),
                    Set.of(), b.typeRange(), diags);
            for (Block nb : c.blocks()) {
                switch (nb.type()) {
                    case "backend":
                        if (backend != null) {
                            diags.error("Duplicate backend configuration", "A backend was already configured at "
                                    + BodyReader.where(backend.typeRange()) + "; a configuration has one backend.",
                                    nb.typeRange());
                            continue;
                        }
                        backend = nb;
                        s = backend(configDir, nb, diags, environment);
                        break;
                    case "encryption":
                        if (encryption != null) {
                            diags.error("Duplicate encryption configuration", "Encryption was already configured at "
                                    + BodyReader.where(encryption.typeRange()) + ".", nb.typeRange());
                            continue;
                        }
                        encryption = nb;
                        break;
                    case "approvals":
                        if (approvals != null) {
                            diags.error("Duplicate approvals configuration", "Approvals were already configured at "
                                    + BodyReader.where(approvals.typeRange()) + ".", nb.typeRange());
                            continue;
                        }
                        approvals = nb;
                        break;
                    default:
                        break;
                }
            }
        }
        if (approvals != null && BodyReader.labels(approvals, 0, "", diags)) {
            s = s.withApprovals(ApprovalsDecoder.decode(configDir, approvals, diags));
        }
        if (encryption != null && environment != null && BodyReader.labels(encryption, 0, "", diags)) {
            s = s.withEncryption(new EncryptionDecoder(diags, environment).decode(encryption));
        }
        return s;
    }

    private static Settings backend(Path configDir, Block b, Diagnostics diags, Map<String, String> environment) {
        if (b.labels().size() != 1) {
            diags.error("Invalid backend block", "A backend block has one label, its type, as in backend \"local\" { }.",
                    b.headerRange());
            return Settings.defaults(configDir);
        }
        String type = b.label(0);
        if (!type.equals("local")) {
            return SharedBackendDecoder.decode(configDir, b, diags, environment);
        }
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("path", "snapshots"), Set.of(), Set.of(),
                b.typeRange(), diags);
        Path dir = configDir.resolve(Settings.DEFAULT_STATE_DIR);
        Value path = BodyReader.constant(c.attr("path"), Type.STRING, diags);
        if (path != null) {
            if (path.asString().isBlank()) {
                diags.error("Invalid backend path", "The state path must not be empty.", c.attr("path").expr().range());
            } else {
                dir = configDir.resolve(path.asString()).normalize();
            }
        }
        return new Settings(dir, snapshots(c.attr("snapshots"), Settings.DEFAULT_SNAPSHOTS, diags), null, null);
    }

    /** The {@code snapshots} argument: a whole number of versions to keep, at least 1. */
    static int snapshots(dev.lockstep.planner.hcl.ast.Attribute a, int dflt, Diagnostics diags) {
        Value n = BodyReader.constant(a, Type.NUMBER, diags);
        if (n == null) {
            return dflt;
        }
        int snapshots;
        try {
            snapshots = n.asNumber().intValueExact();
        } catch (ArithmeticException e) {
            snapshots = -1;
        }
        if (snapshots < 1) {
            diags.error("Invalid snapshot count", "snapshots is a whole number of state versions to keep, at least 1.",
                    a.expr().range());
            return dflt;
        }
        return snapshots;
    }
}
