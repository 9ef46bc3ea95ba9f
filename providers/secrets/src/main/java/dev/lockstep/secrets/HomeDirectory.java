package dev.lockstep.secrets;

import java.nio.file.Path;
import java.util.Map;

/** The user's home directory as the given environment says (HOME, then USERPROFILE), else the JVM's. */
public final class HomeDirectory {

    private HomeDirectory() {
    }

    /** The home directory for {@code environment}. */
    public static Path of(Map<String, String> environment) {
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            home = environment.get("USERPROFILE");
        }
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home);
    }
}
