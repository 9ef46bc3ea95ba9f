package dev.lockstep.provider.databricks.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code ~/.databrickscfg} file: INI sections ({@code [DEFAULT]}, {@code [prod]}) of
 * {@code key = value} lines; {@code #} and {@code ;} start comments. Parsed here rather than by the
 * SDK so that reading a profile never resolves anything else or touches the network.
 */
public final class DatabricksCfgFile {

    private final Path path;
    private final Map<String, Map<String, String>> sections;

    private DatabricksCfgFile(Path path, Map<String, Map<String, String>> sections) {
        this.path = path;
        this.sections = sections;
    }

    /** Reads and parses {@code path}; throws IOException when it cannot be read. */
    public static DatabricksCfgFile read(Path path) throws IOException {
        return parse(path, Files.readAllLines(path));
    }

    /** Parses the lines of a configuration file (for tests and {@link #read}). */
    public static DatabricksCfgFile parse(Path path, List<String> lines) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq < 0) {
                continue;
            }
            current.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
        }
        return new DatabricksCfgFile(path, sections);
    }

    public Path path() {
        return path;
    }

    /** The keys of a profile, or null when the file has no such section. */
    public Map<String, String> profile(String name) {
        Map<String, String> s = sections.get(name);
        return s == null ? null : Map.copyOf(s);
    }

    /** The profile names in file order. */
    public List<String> profileNames() {
        return List.copyOf(sections.keySet());
    }
}
