package dev.lockstep.planner.config;

import java.nio.file.Path;

/**
 * The {@code lockstep { ... }} block: where the state lives and how many versions are kept.
 *
 * <pre>
 * lockstep {
 *   backend "local" {
 *     path      = ".lockstep"   # relative to the configuration directory
 *     snapshots = 100           # state versions kept
 *   }
 * }
 * </pre>
 *
 * @param stateDir the state directory, resolved against the configuration directory
 * @param snapshots how many state versions to keep as snapshots
 */
public record Settings(Path stateDir, int snapshots) {

    public static final String DEFAULT_STATE_DIR = ".lockstep";
    public static final int DEFAULT_SNAPSHOTS = 100;

    public static Settings defaults(Path configDir) {
        return new Settings(configDir.resolve(DEFAULT_STATE_DIR), DEFAULT_SNAPSHOTS);
    }
}
