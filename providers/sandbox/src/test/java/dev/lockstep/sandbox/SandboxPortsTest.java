package dev.lockstep.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox started without a base port comes back on the ports it had before, so that what
 * providers derive from an endpoint (a Databricks object's url) does not change between commands.
 */
class SandboxPortsTest {

    @TempDir
    Path dir;

    private static Map<String, Integer> ports(Sandbox s) {
        return Map.of("kubernetes", s.kubernetes().baseUri().getPort(), "databricks", s.databricks().baseUri().getPort(),
                "vault", s.vault().baseUri().getPort(), "aws", s.aws().baseUri().getPort(), "s3", s.s3().baseUri().getPort());
    }

    @Test
    void emulatorsComeBackOnTheirPorts() throws Exception {
        Map<String, Integer> first;
        try (Sandbox s = new Sandbox(dir, 0, null)) {
            first = ports(s);
            assertEquals(s.overrides("databricks").get("host"), "http://127.0.0.1:" + first.get("databricks"));
        }
        assertTrue(Files.exists(Sandbox.portsFile(dir)));
        try (Sandbox s = new Sandbox(dir, 0, null)) {
            assertEquals(first, ports(s));
            assertTrue(Files.readString(dir.resolve("kubeconfig")).contains("http://127.0.0.1:" + first.get("kubernetes")));
        }
    }

    @Test
    void aTakenPortIsReplacedAndRemembered() throws Exception {
        int before;
        try (Sandbox s = new Sandbox(dir, 0, null)) {
            before = s.databricks().baseUri().getPort();
            s.kubernetes();
        }
        int k8s;
        try (Sandbox s = new Sandbox(dir, 0, null)) {
            k8s = s.kubernetes().baseUri().getPort();
        }
        int now;
        try (ServerSocket squatter = new ServerSocket(before, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
                Sandbox s = new Sandbox(dir, 0, null)) {
            now = s.databricks().baseUri().getPort();
            assertNotEquals(before, now, "the old port is taken");
            assertEquals(k8s, s.kubernetes().baseUri().getPort(), "the others keep theirs");
        }
        try (Sandbox s = new Sandbox(dir, 0, null)) {
            assertEquals(now, s.databricks().baseUri().getPort(), "the new port is remembered");
        }
    }

    @Test
    void aTakenKubernetesPortIsReplacedToo() throws Exception {
        int before;
        try (Sandbox s = new Sandbox(dir, 0, null)) {
            before = s.kubernetes().baseUri().getPort();
        }
        try (ServerSocket squatter = new ServerSocket(before, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
                Sandbox s = new Sandbox(dir, 0, null)) {
            int now = s.kubernetes().baseUri().getPort();
            assertNotEquals(before, now);
            assertTrue(Files.readString(dir.resolve("kubeconfig")).contains("http://127.0.0.1:" + now));
        }
    }
}
