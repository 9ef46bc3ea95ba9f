package dev.lockstep.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who is running lockstep, as {@code user@host}, for lock holder info, snapshot metadata and the
 * audit log. The host name comes from {@code /etc/hostname}, then {@code HOSTNAME} (which shells
 * do not always export, so it comes second to keep every process on a host agreeing), and only then
 * from the resolver (which can be slow when DNS is misconfigured).
 */
public final class Identity {

    private static volatile String cached;

    private Identity() {
    }

    /** {@code user@host} of this process. */
    public static String userAtHost() {
        String c = cached;
        if (c == null) {
            c = System.getProperty("user.name", "unknown") + "@" + host();
            cached = c;
        }
        return c;
    }

    private static String host() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String s = Files.readString(etc, StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
