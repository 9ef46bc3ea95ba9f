package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's command-line surface: fault specifications and seed files a user gets wrong. */
class SandboxCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMalformedSeedStopsEveryCommandThatWouldStartTheSandboxAndChangesNothing() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {}\n");
        Files.writeString(dir.resolve("sandbox-seed.json"), "{\n  \"vault\": { \"db\": { \"password\": \"x\" } }\n}\n");
        for (String[] args : new String[][] {{"--sandbox", "plan"}, {"--sandbox", "apply", "--auto-approve"},
                {"sandbox", "put-secret", "aws", "a", "b"}}) {
            String[] all = new String[args.length + 3];
            all[0] = "--no-color";
            all[1] = "-C";
            all[2] = dir.toString();
            System.arraycopy(args, 0, all, 3, args.length);
            CliTest.Run r = CliTest.run(all);
            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("error: Invalid sandbox seed\n  on " + dir.resolve("sandbox-seed.json")
                    + ":2:14: Vault path \"db\" is not MOUNT/PATH."), r.err());
            assertTrue(r.err().contains("such as \"secret/team/db\""), r.err());
            assertFalse(r.err().contains("bug"), r.err());
        }
        assertFalse(Files.exists(dir.resolve(".lockstep")), "no sandbox data, lock or state written");
        // outside sandbox mode the file is never read
        assertEquals(0, CliTest.run("-C", dir.toString(), "validate").code());
    }

    @Test
    void aWrongFaultSpecificationIsAUsageErrorNotABug() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {}\n");
        CliTest.Run serve = CliTest.run("-C", dir.toString(), "sandbox", "serve", "--faults", "latency=50ms,429=10");
        assertEquals(1, serve.code(), serve.err());
        assertTrue(serve.err().contains("Invalid sandbox faults in --faults"), serve.err());
        assertTrue(serve.err().contains("unknown fault setting: 429"), serve.err());
        assertFalse(serve.err().contains("bug"), serve.err());

        // the example in serve's help is one that works
        String help = CliTest.run("sandbox", "serve", "--help").out().replaceAll("\\s+", "");
        assertTrue(help.contains("suchaslatency=50ms,burst429=10,5xx=0.05("), help);
        assertEquals(null, dev.lockstep.sandbox.Sandbox.faultsProblem("latency=50ms,burst429=10,5xx=0.05"));

        ChildProcess plan = ChildProcess.start(dir, Map.of("LOCKSTEP_SANDBOX_FAULTS", "latency=fast"), "plan",
                "--sandbox");
        assertEquals(1, plan.waitFor(60), plan.all());
        assertTrue(plan.all().contains("Invalid sandbox faults in LOCKSTEP_SANDBOX_FAULTS"), plan.all());
        assertFalse(plan.all().contains("bug"), plan.all());
    }

    @Test
    void serveAnnouncesEndpointsAndWithdrawsThemWhenStopped() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {}\n");
        ChildProcess serve = ChildProcess.start(dir, "sandbox", "serve");
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (serve.count("export AWS_ENDPOINT_URL=") == 0 && serve.process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String out = serve.all();
            assertTrue(serve.count("export AWS_ENDPOINT_URL=") == 1, out);
            // the AWS CLI (version 1) reads AWS_DEFAULT_REGION, not AWS_REGION
            assertTrue(out.contains(" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 "), out);
            assertTrue(out.contains("export DATABRICKS_HOST=http://127.0.0.1:"), out);
            assertTrue(out.contains("export AWS_ENDPOINT_URL_S3=http://127.0.0.1:"), out);
            assertTrue(out.contains("bucket lockstep-sandbox"), out);
            assertTrue(out.contains("export KUBECONFIG=" + dir.resolve(".lockstep/sandbox/kubeconfig")), out);
            assertTrue(Files.exists(dir.resolve(".lockstep/sandbox/serve.json")), "announced for other commands");
            assertEquals(serve.ignoresSigint() ? 0 : 1, serve.count(" use it. Ctrl-C stops it."), out);
            CliTest.Run reset = CliTest.run("-C", dir.toString(), "sandbox", "reset");
            assertEquals(1, reset.code(), "not while serve runs: " + reset.err());
        } finally {
            serve.terminate();
        }
        assertEquals(143, serve.waitFor(30), "SIGTERM ends it as a signal does (128 + 15): " + serve.all());
        assertFalse(Files.exists(dir.resolve(".lockstep/sandbox/serve.json")), "withdrawn");
    }

    /** Started as a background job of a script is (SIGINT ignored), serve says how to stop it, and SIGTERM does. */
    @Test
    void serveStartedWithSigintIgnoredSaysHowToStopIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "tells ignored signals from /proc (Linux)");
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {}\n");
        ChildProcess serve = ChildProcess.startIgnoringSigint(dir, "sandbox", "serve");
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (serve.count("export AWS_ENDPOINT_URL=") == 0 && serve.process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(serve.ignoresSigint());
            assertEquals(1, serve.count("use it. SIGINT is ignored in this process; stop it with: kill "
                    + serve.process.pid()), serve.all());
            assertEquals(0, serve.count("Ctrl-C"), serve.all());
        } finally {
            serve.terminate();
        }
        assertEquals(143, serve.waitFor(30), serve.all());
        assertFalse(Files.exists(dir.resolve(".lockstep/sandbox/serve.json")), "withdrawn");
    }
}
