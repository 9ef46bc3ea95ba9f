package dev.lockstep.planner.approval;

import dev.lockstep.planner.approval.ssh.SshFormatException;
import dev.lockstep.planner.approval.ssh.SshPrivateKey;
import dev.lockstep.planner.approval.ssh.SshPublicKey;
import dev.lockstep.planner.approval.ssh.SshSignature;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signed approvals of saved plans (docs/ci.md): a signature is an SSHSIG over the plan file's bytes
 * with the namespace {@value #NAMESPACE}, exactly what {@code ssh-keygen -Y sign -n lockstep-plan -f
 * KEY PLANFILE} makes, kept as one {@code *.sig} file per signer in {@code PLANFILE.approvals/}. The
 * plan file's bytes hold the plan's digest, which covers the plan and the state lineage and serial
 * it was made against, so a signature approves exactly one plan of one state.
 */
public final class Approvals {

    /** The SSHSIG namespace of plan approvals. */
    public static final String NAMESPACE = "lockstep-plan";
    private static final long MAX_SIGNATURE_BYTES = 64 * 1024;

    private Approvals() {
    }

    /** The directory of a plan's signatures: {@code PLANFILE.approvals} beside it. */
    public static Path directory(Path planFile) {
        return planFile.resolveSibling(planFile.getFileName() + ".approvals");
    }

    /**
     * Signs a plan file with {@code key} and writes the signature to
     * {@code PLANFILE.approvals/<fingerprint>.sig} (replacing that signer's earlier one). Returns the path.
     */
    public static Path sign(Path planFile, SshPrivateKey key) throws IOException {
        byte[] plan = Files.readAllBytes(planFile);
        String armored = SshSignature.sign(key, NAMESPACE, plan);
        Path dir = directory(planFile);
        Files.createDirectories(dir);
        Path out = dir.resolve(fileName(key.publicKey()));
        SecureFiles.writeAtomically(out.toAbsolutePath(), armored.getBytes(StandardCharsets.UTF_8), false);
        return out;
    }

    /** The file name of a signer's signature: its fingerprint, made safe for file names. */
    static String fileName(SshPublicKey key) {
        return key.fingerprint().replace("SHA256:", "SHA256-").replace('/', '_').replace('+', '-') + ".sig";
    }

    /**
     * Checks every {@code *.sig} file in {@code PLANFILE.approvals/} against the plan file's bytes and
     * the trusted keys ({@code trusted} by key, with the name each is known by).
     */
    public static Verdict verify(Path planFile, byte[] plan, Map<SshPublicKey, String> trusted, int required)
            throws IOException {
        List<Approval> out = new ArrayList<>();
        Map<SshPublicKey, String> signed = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : signatureFiles(directory(planFile)).entrySet()) {
            out.add(check(f.getKey(), f.getValue(), plan, trusted, signed));
        }
        List<String> missing = new ArrayList<>();
        trusted.forEach((k, name) -> {
            if (!signed.containsKey(k)) {
                missing.add(name == null || name.isBlank() ? k.fingerprint() : name + " (" + k.fingerprint() + ")");
            }
        });
        return new Verdict(required, out, missing);
    }

    private static Approval check(String name, Path file, byte[] plan, Map<SshPublicKey, String> trusted,
            Map<SshPublicKey, String> signed) {
        SshSignature sig;
        try {
            if (Files.size(file) > MAX_SIGNATURE_BYTES) {
                return new Approval(name, Approval.Status.UNREADABLE, null, null, "it is too large to be a signature");
            }
            sig = SshSignature.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (SshFormatException e) {
            return new Approval(name, Approval.Status.UNREADABLE, null, null, e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Approval(name, Approval.Status.UNREADABLE, null, null, "it cannot be read: "
                    + dev.lockstep.state.FileProblem.reason(e instanceof IOException io ? io : new IOException(e)));
        }
        SshPublicKey key = sig.publicKey();
        String signer = trusted.containsKey(key) ? trusted.get(key) : key.comment();
        if (!NAMESPACE.equals(sig.namespace())) {
            return new Approval(name, Approval.Status.INVALID, signer, key.fingerprint(), "it is a signature in the "
                    + "namespace \"" + sig.namespace() + "\", not \"" + NAMESPACE + "\" (sign with -n " + NAMESPACE + ")");
        }
        if (!sig.verify(NAMESPACE, plan)) {
            return new Approval(name, Approval.Status.INVALID, signer, key.fingerprint(), "it does not sign this plan "
                    + "file: it signs another plan, or one of the two was altered");
        }
        if (!trusted.containsKey(key)) {
            return new Approval(name, Approval.Status.UNTRUSTED, signer, key.fingerprint(), "the key is not among the "
                    + "approvals block's trusted keys");
        }
        if (signed.containsKey(key)) {
            return new Approval(name, Approval.Status.DUPLICATE, signer, key.fingerprint(), "this key already signed "
                    + "(in another file); one key counts once");
        }
        signed.put(key, signer);
        return new Approval(name, Approval.Status.VALID, signer, key.fingerprint(), null);
    }

    private static Map<String, Path> signatureFiles(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.sig")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.put(p.getFileName().toString(), p);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        }
        return out;
    }
}
