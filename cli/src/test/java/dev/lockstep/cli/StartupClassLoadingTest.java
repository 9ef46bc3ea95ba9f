package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up stays light: {@code --help}, {@code version}, and {@code validate} and {@code fmt} of a configuration
 * that uses no provider load no SDK class. Runs the CLI in a child JVM with class-load logging
 * and checks the packages that were loaded.
 */
class StartupClassLoadingTest {

    private static final List<String> SDK_PREFIXES = List.of("io.fabric8.", "com.databricks.", "software.amazon.",
            "io.github.jopenlibs.", "okhttp3.", "kotlin.", "org.apache.http.");

    @TempDir
    Path dir;

    private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:off", "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), "dev.lockstep.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> loaded = new ArrayList<>();
        for (String line : out.split("\n")) {
            int i = line.indexOf("[class,load] ");
            if (i >= 0) {
                String rest = line.substring(i + 13);
                loaded.add(rest.substring(0, rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')));
            }
        }
        assertTrue(loaded.size() > 100, "class-load log was captured");
        return loaded;
    }

    private static void assertNoSdk(List<String> loaded) {
        for (String c : loaded) {
            for (String prefix : SDK_PREFIXES) {
                assertTrue(!c.startsWith(prefix), "SDK class loaded at start-up: " + c);
            }
        }
    }

    @Test
    void helpVersionAndValidateLoadNoSdk() throws Exception {
        assertNoSdk(loadedClasses("--help"));
        assertNoSdk(loadedClasses("version"));
        Files.writeString(dir.resolve("main.hcl"), "resource \"terraform_data\" \"x\" {\n  input = \"a\"\n}\n");
        assertNoSdk(loadedClasses("validate", "-C", dir.toString()));
        assertNoSdk(loadedClasses("fmt", "-C", dir.toString()));
    }
}
