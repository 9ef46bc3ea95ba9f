package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed approvals from the command line: keygen writes OpenSSH key pairs, approve signs a saved
 * plan, and apply PLANFILE refuses (exit 5) until enough distinct trusted keys have signed exactly
 * that plan; other plans' signatures, untrusted keys, a second signature by one key and an altered
 * plan count for nothing, and every check is in the audit log.
 */
class ApprovalsTest {

    @TempDir
    Path dir;

    @TempDir
    Path keys;

    private CliTest.Run run(String... args) {
        return CliTest.in(dir, args);
    }

    private String keygen(String name) throws Exception {
        Path k = keys.resolve(name);
        CliTest.Run r = run("keygen", "-f", k.toString(), "--comment", name + "@example.com");
        assertEquals(0, r.code(), r.out() + r.err());
        return Files.readString(keys.resolve(name + ".pub")).strip();
    }

    private void configure(int required, String... trusted) throws Exception {
        StringBuilder sb = new StringBuilder("lockstep {\n  approvals {\n    required = " + required
                + "\n    trusted_keys = [\n");
        for (String t : trusted) {
            sb.append("      \"").append(t).append("\",\n");
        }
        sb.append("    ]\n  }\n}\n");
        sb.append("resource \"terraform_data\" \"x\" {\n  input = \"v1\"\n}\n");
        Files.writeString(dir.resolve("main.hcl"), sb.toString());
    }

    private CliTest.Run approve(String plan, String key) {
        return run("approve", plan, "-f", keys.resolve(key).toString());
    }

    @Test
    void keygenWritesAnOpenSshKeyPairAndNeverReplacesOne() throws Exception {
        String pub = keygen("alice");
        assertTrue(pub.matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ alice@example.com"), pub);
        String priv = Files.readString(keys.resolve("alice"));
        assertTrue(priv.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), priv);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(keys.resolve("alice")));
        CliTest.Run again = run("keygen", "-f", keys.resolve("alice").toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals(priv, Files.readString(keys.resolve("alice")));
    }

    @Test
    void applyNeedsTheRequiredSignaturesFromDistinctTrustedKeys() throws Exception {
        configure(2, keygen("alice"), keygen("bob"));
        keygen("mallory");
        assertEquals(0, run("plan", "-o", "p.plan").code());

        CliTest.Run none = run("apply", "p.plan");
        assertEquals(5, none.code(), none.out() + none.err());
        assertTrue(none.err().contains("0 of 2 required approvals"), none.err());
        assertTrue(none.err().contains("alice@example.com (SHA256:"), none.err());

        assertEquals(0, approve("p.plan", "alice").code());
        CliTest.Run mallory = approve("p.plan", "mallory");
        assertEquals(0, mallory.code());
        assertTrue(mallory.err().contains("not among the approvals block's trusted keys"), mallory.err());
        Path aliceSig = Files.list(dir.resolve("p.plan.approvals")).filter(p -> !p.getFileName().toString()
                .contains(fingerprintFile(mallory.out()))).findFirst().orElseThrow();
        Files.copy(aliceSig, dir.resolve("p.plan.approvals/alice-again.sig"));

        CliTest.Run one = run("apply", "p.plan");
        assertEquals(5, one.code(), one.out() + one.err());
        assertTrue(one.err().contains("1 of 2 required approvals: alice@example.com"), one.err());
        assertTrue(one.err().contains("not among the approvals block's trusted keys"), one.err());
        assertTrue(one.err().contains("one key counts once"), one.err());
        assertTrue(one.err().contains("Trusted keys that have not signed: bob@example.com"), one.err());
        assertEquals("", run("state", "list").out().strip(), "a refused apply changes nothing");

        CliTest.Run show = run("show", "p.plan");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("Approvals: 1 of 2 required approvals (not enough to apply)"), show.out());

        assertEquals(0, approve("p.plan", "bob").code());
        CliTest.Run two = run("apply", "p.plan");
        assertEquals(0, two.code(), two.out() + two.err());
        assertTrue(run("state", "list").out().contains("terraform_data.x"));

        String audit = Files.readString(dir.resolve(".lockstep/audit.jsonl"));
        List<String> lines = audit.lines().toList();
        assertTrue(lines.get(0).contains("\"kind\":\"approvals\",\"outcome\":\"refused\""), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("\"kind\":\"approvals\",\"outcome\":\"passed\""), audit);
        assertTrue(lines.get(lines.size() - 1).contains("2 of 2 required approvals"), audit);
    }

    private static String fingerprintFile(String approveOut) {
        int at = approveOut.indexOf("SHA256:");
        String fp = approveOut.substring(at, approveOut.indexOf('.', at));
        return fp.replace("SHA256:", "SHA256-").replace('/', '_').replace('+', '-');
    }

    @Test
    void aSignatureOfAnotherPlanOrOfAnAlteredPlanCountsForNothing() throws Exception {
        configure(1, keygen("alice"));
        assertEquals(0, run("plan", "-o", "a.plan").code());
        assertEquals(0, run("plan", "-o", "b.plan").code());
        assertEquals(0, approve("a.plan", "alice").code());
        Files.createDirectories(dir.resolve("b.plan.approvals"));
        try (var sigs = Files.list(dir.resolve("a.plan.approvals"))) {
            Path sig = sigs.findFirst().orElseThrow();
            Files.copy(sig, dir.resolve("b.plan.approvals").resolve(sig.getFileName()));
        }
        CliTest.Run other = run("apply", "b.plan");
        assertEquals(5, other.code(), other.out() + other.err());
        assertTrue(other.err().contains("it does not sign this plan file"), other.err());

        String text = Files.readString(dir.resolve("a.plan"));
        Files.writeString(dir.resolve("a.plan"), text.replace("\"v1\"", "\"v2\""));
        CliTest.Run altered = run("apply", "a.plan");
        assertEquals(5, altered.code(), altered.out() + altered.err());
        assertEquals("", run("state", "list").out().strip());
    }

    @Test
    void withApprovalsConfiguredApplyAndDestroyNeedASavedPlan() throws Exception {
        configure(1, keygen("alice"));
        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(5, apply.code(), apply.out() + apply.err());
        assertTrue(apply.err().contains("Approved plan required"), apply.err());
        assertEquals(5, run("destroy", "--auto-approve").code());
    }

    @Test
    void approvalSettingsMistakesAreErrorsAtTheirPositions() throws Exception {
        String alice = keygen("alice");
        Files.writeString(dir.resolve("main.hcl"), """
                lockstep {
                  approvals {
                    required     = 2
                    trusted_keys = [
                      "%s",
                      "ssh-dss AAAAB3NzaC1kc3MAAACBAP bob",
                    ]
                  }
                }
                """.formatted(alice));
        CliTest.Run v = run("validate");
        assertEquals(1, v.code(), v.out() + v.err());
        assertTrue(v.err().contains("Invalid trusted key"), v.err());
        assertTrue(v.err().contains("main.hcl line 6, column 7"), v.err());

        Files.writeString(dir.resolve("main.hcl"), """
                lockstep {
                  approvals {
                    required     = 2
                    trusted_keys = ["%s", "%s"]
                  }
                }
                """.formatted(alice, alice.replace("alice@", "alice-laptop@")));
        CliTest.Run same = run("validate");
        assertEquals(1, same.code(), same.out() + same.err());
        assertTrue(same.err().contains("Approvals can never be met"), same.err());
        assertTrue(same.err().contains("main.hcl line 3, column 20"), same.err());

        Files.writeString(dir.resolve("approvers.pub"), "# nobody yet\n");
        Files.writeString(dir.resolve("main.hcl"), "lockstep {\n  approvals {\n    required          = 1\n"
                + "    trusted_keys_file = \"approvers.pub\"\n  }\n}\n");
        CliTest.Run none = run("plan");
        assertEquals(1, none.code(), none.out() + none.err());
        assertTrue(none.err().contains("no key is trusted"), none.err());
    }

    static boolean sshKeygen() {
        return Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    @Test
    @EnabledIf("sshKeygen")
    void aSignatureMadeWithSshKeygenCountsLikeApprove() throws Exception {
        configure(1, keygen("alice"));
        assertEquals(0, run("plan", "-o", "p.plan").code());
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-Y", "sign", "-n", "lockstep-plan", "-f",
                keys.resolve("alice").toString(), dir.resolve("p.plan").toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        Files.createDirectories(dir.resolve("p.plan.approvals"));
        Files.move(dir.resolve("p.plan.sig"), dir.resolve("p.plan.approvals/alice.sig"));
        CliTest.Run apply = run("apply", "p.plan");
        assertEquals(0, apply.code(), apply.out() + apply.err());
        assertFalse(apply.err().contains("does not count"), apply.err());
    }
}
