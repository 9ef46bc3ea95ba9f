package dev.lockstep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Lockstep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated Databricks mix is a valid lockstep configuration of exactly the size asked for. */
class DatabricksGenTest {

    @TempDir
    Path dir;

    private static void valid(Path d) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lockstep.run(new PrintWriter(out), new PrintWriter(err), "validate", "--no-color", "-C", d.toString());
        assertEquals(0, code, err.toString());
    }

    @Test
    void mixHasTheSizeAndTypesAsked() throws Exception {
        DatabricksGen.Generated g = DatabricksGen.databricks(103, dir, false, 15);
        assertEquals(103, g.resources());
        assertEquals(0, g.changed());
        // 14 teams of 7, and 5 groups to make up the count
        assertEquals(14 + 5, g.count("databricks_group"));
        assertEquals(14, g.count("databricks_user"));
        assertEquals(14, g.count("databricks_group_member"));
        assertEquals(14, g.count("databricks_cluster"));
        assertEquals(14, g.count("databricks_job"));
        assertEquals(28, g.count("databricks_permissions"));
        assertEquals(103, blocks().size());
        assertTrue(Files.readString(dir.resolve("main.hcl")).contains("rate_limit = 15"));
        valid(dir);
    }

    @Test
    void changedVariantTouchesOnePercentInPlace() throws Exception {
        DatabricksGen.databricks(1000, dir, false, 15);
        List<String> before = blocks();
        DatabricksGen.Generated g = DatabricksGen.databricks(1000, dir, true, 15);
        assertEquals(10, g.changed());
        List<String> after = blocks();
        assertEquals(before.size(), after.size());
        int differ = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                differ++;
                assertTrue(!before.get(i).contains("databricks_group_member"), "memberships cannot change in place");
                assertEquals(firstLine(before.get(i)), firstLine(after.get(i)), "the same resource");
            }
        }
        assertEquals(10, differ);
        valid(dir);
        assertNotEquals(0, DatabricksGen.databricks(150, dir, true, 15).changed(), "at least one change");
    }

    /** Every resource block of the configuration in {@code dir}, in file order. */
    private List<String> blocks() throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                for (String b : Files.readString(p).split("\n(?=resource \")")) {
                    if (b.startsWith("resource \"")) {
                        out.add(b);
                    }
                }
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        return s.substring(0, s.indexOf('\n'));
    }
}
