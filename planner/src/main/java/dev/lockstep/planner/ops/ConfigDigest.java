package dev.lockstep.planner.ops;

import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.VariableValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over a configuration: every configuration file and auto-loaded variable file, by name
 * and content, so that a saved plan can tell that the configuration changed since it was made.
 */
public final class ConfigDigest {

    private ConfigDigest() {
    }

    public static String of(Config config) {
        Map<String, String> files = new TreeMap<>(config.sources());
        for (Path p : VariableValues.autoVarFiles(config.dir())) {
            try {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                files.put(p.getFileName().toString(), "<unreadable>");
            }
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
