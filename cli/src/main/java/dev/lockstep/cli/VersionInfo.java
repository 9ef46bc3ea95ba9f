package dev.lockstep.cli;

import dev.lockstep.state.BuildVersion;
import picocli.CommandLine.IVersionProvider;

/** The lockstep version for {@code --version} and {@code version}, as the build recorded it. */
public final class VersionInfo implements IVersionProvider {

    /** The version string, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return BuildVersion.get();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"lockstep " + version()};
    }
}
