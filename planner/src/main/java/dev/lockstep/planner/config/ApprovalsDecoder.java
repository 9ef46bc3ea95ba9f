package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.approval.ssh.SshFormatException;
import dev.lockstep.planner.approval.ssh.SshPublicKey;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.TupleConsExpr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the {@code approvals} block ({@link ApprovalSettings}): constants only, every trusted key
 * parsed as an OpenSSH public key line where it is given, and a {@code required} count that the
 * distinct trusted keys can meet.
 */
final class ApprovalsDecoder {

    private ApprovalsDecoder() {
    }

    static ApprovalSettings decode(Path configDir, Block b, Diagnostics diags) {
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("required", "trusted_keys", "trusted_keys_file"),
                Set.of(), Set.of("required"), b.typeRange(), diags);
        int required = 0;
        Value n = BodyReader.constant(c.attr("required"), Type.NUMBER, diags);
        if (n != null) {
            try {
                required = n.asNumber().intValueExact();
            } catch (ArithmeticException e) {
                required = -1;
            }
            if (required < 1) {
                diags.error("Invalid approvals count", "required is the whole number of signatures from distinct "
                        + "trusted keys that apply needs, at least 1 (remove the approvals block to need none).",
                        c.attr("required").expr().range());
                required = 0;
            }
        }
        List<ApprovalSettings.KeyLine> keys = new ArrayList<>();
        Attribute listed = c.attr("trusted_keys");
        Value v = BodyReader.constant(listed, Type.list(Type.STRING), diags);
        if (v != null) {
            List<Value> elems = v.elements();
            for (int i = 0; i < elems.size(); i++) {
                keys.add(new ApprovalSettings.KeyLine(elems.get(i).asString(), elementRange(listed.expr(), i)));
            }
        }
        Attribute file = c.attr("trusted_keys_file");
        if (file != null) {
            String name = BodyReader.string(file, diags);
            if (!name.isEmpty()) {
                keys.addAll(fromFile(configDir.resolve(name), name, file.expr().range(), diags));
            }
        }
        if (listed == null && file == null) {
            diags.error("Missing trusted keys", "An approvals block names the keys whose signatures count: "
                    + "trusted_keys (OpenSSH public key lines) or trusted_keys_file (a file of them).", b.typeRange());
        }
        Set<SshPublicKey> distinct = new HashSet<>();
        for (ApprovalSettings.KeyLine k : keys) {
            try {
                distinct.add(SshPublicKey.parse(k.line()));
            } catch (SshFormatException e) {
                diags.error("Invalid trusted key", "This is not a usable OpenSSH public key: " + e.getMessage() + ". A "
                        + "trusted key is an OpenSSH public key line, such as the line of ~/.ssh/id_ed25519.pub or a "
                        + "line of https://github.com/USER.keys.", k.range());
            }
        }
        if (required > 0 && (listed != null || file != null) && distinct.size() < required && !diags.hasErrors()) {
            diags.error("Approvals can never be met", required + " signatures from distinct trusted keys are required, "
                    + "and " + (distinct.isEmpty() ? "no key is" : "only " + distinct.size() + " distinct key"
                    + (distinct.size() == 1 ? " is" : "s are")) + " trusted. Add the approvers' OpenSSH public keys "
                    + "(one line each, as in ~/.ssh/id_ed25519.pub) to " + (file != null ? "the trusted keys file"
                    : "trusted_keys") + ".", c.attr("required").expr().range());
        }
        return new ApprovalSettings(Math.max(required, 0), keys, b.typeRange());
    }

    /** The range of the i-th element of a list literal, or of the whole expression. */
    private static SourceRange elementRange(Expression e, int i) {
        if (e instanceof TupleConsExpr t && i < t.elements().size()) {
            return t.elements().get(i).range();
        }
        return e.range();
    }

    private static List<ApprovalSettings.KeyLine> fromFile(Path path, String name, SourceRange at, Diagnostics diags) {
        List<ApprovalSettings.KeyLine> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.error("Cannot read trusted keys", "The trusted keys file " + name + " cannot be read: "
                    + dev.lockstep.state.FileProblem.reason(e) + ".", at);
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                SourcePos p = new SourcePos(i + 1, 1, 0);
                out.add(new ApprovalSettings.KeyLine(line, new SourceRange(name, p, new SourcePos(i + 1,
                        lines.get(i).length() + 1, 0))));
            }
        }
        return out;
    }
}
