package dev.lockstep.state;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The lockstep version this module was built as (from the {@code version.properties} the build
 * filters), recorded in state files, snapshots and lock holder info.
 */
public final class BuildVersion {

    private static final String VERSION = load();

    private BuildVersion() {
    }

    /** The version, such as {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from unfiltered classes. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
