package dev.lockstep.planner.ops;

import dev.lockstep.planner.approval.Approval;
import dev.lockstep.planner.approval.Approvals;
import dev.lockstep.planner.approval.Verdict;
import dev.lockstep.planner.approval.ssh.SshFormatException;
import dev.lockstep.planner.approval.ssh.SshPrivateKey;
import dev.lockstep.planner.approval.ssh.SshPublicKey;
import dev.lockstep.planner.config.ApprovalSettings;
import dev.lockstep.planner.planfile.SavedPlan;
import dev.lockstep.state.FileProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed approvals of saved plans (docs/ci.md): sign a plan with a key, and check a plan's
 * signatures against the configuration's {@code approvals} block. Key generation, which needs no
 * configuration, is {@link KeyFiles}.
 */
public final class ApprovalOperations {

    private final Workspace ws;

    ApprovalOperations(Workspace ws) {
        this.ws = ws;
    }

    /**
     * A signature written.
     *
     * @param signature where it was written
     * @param fingerprint the signing key's fingerprint
     * @param planDigest the digest of the plan it approves
     * @param trusted whether the configuration trusts the key (false: it will not count), null when
     *     the configuration has no approvals block
     */
    public record Signed(Path signature, String fingerprint, String planDigest, Boolean trusted) {
    }

    /** Signs an intact saved plan with the private key in {@code keyFile}. */
    public Outcome<Signed> approve(Path planFile, Path keyFile) {
        Path plan = ws.resolve(planFile);
        Outcome<SavedPlan> read = Operations.readPlanFile(ws, planFile);
        if (!read.ok()) {
            return read.otherwise();
        }
        SshPrivateKey key;
        Path keyPath = ws.resolve(keyFile);
        try {
            key = SshPrivateKey.parse(Files.readString(keyPath, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Outcome.failed("Failed to read the key", "The private key " + keyFile + " cannot be read: "
                    + FileProblem.reason(e) + ".");
        } catch (SshFormatException e) {
            return Outcome.failed("Unusable private key", "The private key " + keyFile + " cannot sign: "
                    + e.getMessage() + ".");
        }
        Path sig;
        try {
            sig = Approvals.sign(plan, key);
        } catch (IOException e) {
            return Outcome.failed("Failed to write the approval", "The signature could not be written beside "
                    + planFile + ": " + FileProblem.reason(e) + ".");
        }
        ApprovalSettings a = ws.settings().approvals();
        Boolean trusted = a == null ? null : trustedKeys(a).containsKey(key.publicKey());
        return Outcome.succeeded(new Signed(sig, key.publicKey().fingerprint(), read.result().digest(), trusted));
    }

    /**
     * The approvals of a saved plan as the configuration counts them, or null (as the result) when
     * the configuration requires none.
     */
    public Outcome<Verdict> verify(Path planFile) {
        ApprovalSettings a = ws.settings().approvals();
        if (a == null) {
            return Outcome.succeeded(null);
        }
        Path plan = ws.resolve(planFile);
        try {
            return Outcome.succeeded(verify(plan, Files.readAllBytes(plan), a));
        } catch (IOException e) {
            return Outcome.failed("Failed to read the approvals", "The plan file or its approvals cannot be read: "
                    + FileProblem.reason(e) + ".");
        }
    }

    static Verdict verify(Path plan, byte[] bytes, ApprovalSettings a) throws IOException {
        return Approvals.verify(plan, bytes, trustedKeys(a), a.required());
    }

    /** The trusted keys by key, each with the name its line gives (its comment). Settings were checked when read. */
    static Map<SshPublicKey, String> trustedKeys(ApprovalSettings a) {
        Map<SshPublicKey, String> out = new LinkedHashMap<>();
        for (ApprovalSettings.KeyLine k : a.keys()) {
            try {
                SshPublicKey key = SshPublicKey.parse(k.line());
                out.putIfAbsent(key, key.comment());
            } catch (SshFormatException e) {
                // reported when the settings were read
            }
        }
        return out;
    }

    /** The message of a plan refused for its approvals: who signed, what did not count, who has not signed. */
    static String refusal(Verdict v) {
        StringBuilder sb = new StringBuilder("The plan has " + v.summary() + ".");
        for (Approval a : v.approvals()) {
            if (a.status() != Approval.Status.VALID) {
                sb.append("\n  ").append(a.file()).append(" does not count: ").append(a.reason())
                        .append(a.fingerprint() == null ? "" : " (signed by " + a.who() + ")").append('.');
            }
        }
        if (!v.missing().isEmpty()) {
            sb.append("\nTrusted keys that have not signed: ").append(String.join(", ", v.missing())).append('.');
        }
        sb.append("\nApprove with `lockstep approve PLANFILE -f KEY`, or `ssh-keygen -Y sign -n ")
                .append(Approvals.NAMESPACE).append(" -f KEY PLANFILE` with the .sig file moved into PLANFILE.approvals/.");
        return sb.toString();
    }
}
