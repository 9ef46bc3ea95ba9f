package dev.lockstep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Lockstep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated configurations are valid lockstep configurations of exactly the size asked for. */
class ConfigGenTest {

    @TempDir
    Path dir;

    private static void valid(Path d) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lockstep.run(new PrintWriter(out), new PrintWriter(err), "validate", "--no-color", "-C", d.toString());
        assertEquals(0, code, err.toString());
    }

    @Test
    void kubernetesMixHasTheSizeAndSpreadAsked() throws Exception {
        ConfigGen.Generated g = ConfigGen.kubernetes(97, dir, false);
        assertEquals(97, g.resources());
        assertEquals(10, g.byKindAndNamespace().get("Namespace").get(""));
        assertEquals(10, g.byKindAndNamespace().get("ServiceAccount").size(), "apps spread over every namespace");
        assertEquals(97, g.byKindAndNamespace().values().stream().flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue).sum());
        // a LIST per (kind, namespace): namespaces once, five namespaced kinds in 10 namespaces
        assertEquals(1 + 5 * 10, g.groups());
        assertEquals(g.groups(), g.pages(500));
        valid(dir);
        long blocks = 0;
        for (Path p : Files.list(dir).toList()) {
            blocks += Files.readAllLines(p).stream().filter(l -> l.startsWith("resource \"")).count();
        }
        assertEquals(97, blocks);
    }

    @Test
    void changedVariantTouchesOnePercent() throws Exception {
        assertEquals(0, revisionTwo(ConfigGen.kubernetes(1000, dir, false)));
        ConfigGen.Generated g = ConfigGen.kubernetes(1000, dir, true);
        assertEquals(10, g.changed());
        assertEquals(10, revisionTwo(g));
        valid(dir);
        assertEquals(25, ConfigGen.namespaces(1000));
        assertEquals(50, ConfigGen.namespaces(10_000));
    }

    @Test
    void terraformDataFilesValidate() throws Exception {
        ConfigGen.terraformData(25, dir, "main.hcl");
        valid(dir);
        Path tf = dir.resolve("tf");
        ConfigGen.terraformData(25, tf, "main.tf");
        assertEquals(Files.readString(dir.resolve("main.hcl")), Files.readString(tf.resolve("main.tf")));
        assertTrue(Files.readString(tf.resolve("main.tf")).contains("depends_on = [terraform_data.r8]"));
    }

    /** Resources of the configuration in {@code dir} labelled with revision 2. */
    private long revisionTwo(ConfigGen.Generated g) throws Exception {
        long n = 0;
        for (Path p : Files.list(dir).toList()) {
            n += Files.readAllLines(p).stream().filter(l -> l.contains("\"lockstep.dev/revision\" = \"2\"")).count();
        }
        return n;
    }
}
