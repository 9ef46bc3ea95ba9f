package dev.lockstep.planner.ops;

import dev.lockstep.planner.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The text of a directory's configuration files, for showing the lines diagnostics point at. */
public final class ConfigSources {

    private ConfigSources() {
    }

    /** File name to text; files that cannot be read are left out (their diagnostics say why). */
    public static Map<String, String> of(Path dir) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (Path p : ConfigLoader.configFiles(dir)) {
                try {
                    m.put(p.getFileName().toString(), Files.readString(p));
                } catch (IOException | RuntimeException e) {
                    // no snippet for this file
                }
            }
        } catch (IOException | RuntimeException e) {
            // no snippets then
        }
        return m;
    }
}
