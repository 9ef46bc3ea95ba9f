package dev.lockstep.cli.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of how plans show nested blocks, on the test provider's {@code slowtest_block}
 * (a single {@code settings} block holding a single {@code limits} block, a force-new single
 * {@code placement} block, a list of {@code rule} blocks, sets of {@code member} and
 * {@code credential} blocks): each scenario is applied, changed and planned as text, JSON and
 * Markdown, compared with {@code src/test/resources/golden/blocks/<scenario>.{txt,json,md}} (see
 * {@link GoldenTest}). Each text golden is what Terraform 1.11 prints for the same schema and
 * values; the comment on each scenario names the Terraform test cases
 * ({@code internal/command/jsonformat/plan_test.go}) or source rules
 * ({@code internal/command/jsonformat/computed/renderers/block.go}, {@code differ/block.go},
 * {@code differ/list.go}, {@code differ/set.go}) it follows.
 */
class BlockGoldenTest extends GoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/blocks");

    BlockGoldenTest() {
        super(GOLDEN, List.of("single", "list", "set", "replace", "sensitive", "unknown", "destroy", "drift"));
    }

    /**
     * A single block created, updated, deleted and unchanged. Follows TestResourceChange_nestedSingle
     * ("in-place update - creation", "- deletion", "- equal") and nestedList "in-place update -
     * insertion": the blank line before the first block of a type, {@code -> null} on the attributes
     * of a deleted block, unchanged blocks counted after a blank line; keys aligned over all the
     * attributes of a body, hidden ones included (block.go: maximumAttributeKeyLen).
     */
    @Test
    void singleBlocks() throws Exception {
        String c = SLOWTEST + resource("created", "%s") + """
                resource "slowtest_block" "updated" {
                  name = "updated"
                  settings {
                    mode   = "%s"
                    size   = 2
                    labels = %s
                    limits {
                      cpu = "1"
                    }
                  }
                }

                """ + resource("deleted", "%s") + """
                resource "slowtest_block" "unchanged" {
                  name = "unchanged"
                  note = "%s"
                  settings {
                    mode = "steady"
                  }
                }
                """;
        String settings = "settings {\n    mode   = \"gone\"\n    labels = { x = \"y\" }\n  }";
        applyThenPlan("single", c.formatted("", "fast", "{ team = \"a\" }", settings, "v1"),
                c.formatted("settings {\n    mode = \"new\"\n    limits {\n      memory = \"1Gi\"\n    }\n  }", "slow",
                "{ team = \"a\", env = \"prod\" }", "", "v2"));
    }

    /**
     * List blocks paired index by index, as Terraform pairs them (differ/list.go
     * processNestedList: GetChild(ix, ix), no LCS), so a block inserted in the middle shows as
     * the later blocks updated and the last one created; follows nestedList "in-place sequence
     * update - deletion" and "in-place update - deletion".
     */
    @Test
    void listBlocks() throws Exception {
        String c = SLOWTEST + resource("inserted", "%s") + resource("removed", "%s") + resource("changed", "%s");
        applyThenPlan("list", c.formatted(rules("a", "c"), rules("a", "b", "c"), rules("a", "b")),
                c.formatted(rules("a", "b", "c"), rules("a", "c"), rules("a", "b").replace("\"list-b\"", "\"watch\"")));
    }

    /** A {@code slowtest_block} named {@code name} with {@code body} after its name. */
    private static String resource(String name, String body) {
        return "resource \"slowtest_block\" \"" + name + "\" {\n  name = \"" + name + "\"\n  " + body + "\n}\n\n";
    }

    /** One {@code rule} block per name, each allowing {@code get} and {@code list-NAME}. */
    private static String rules(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(block("rule", "name", n, "verbs", "[\"get\", \"list-" + n + "\"]"));
        }
        return sb.toString();
    }

    /** A block of {@code type} with the given attributes (name, value as written in HCL, ...). */
    private static String block(String type, String... attributes) {
        StringBuilder sb = new StringBuilder(type).append(" {\n");
        for (int i = 0; i < attributes.length; i += 2) {
            String v = attributes[i + 1];
            sb.append("    ").append(attributes[i]).append(" = ").append(v.startsWith("[") ? v : "\"" + v + "\"")
                    .append('\n');
        }
        return sb.append("  }\n  ").toString();
    }

    /**
     * Set blocks matched by equality (differ/set.go processSet): equal blocks unchanged and
     * counted, the others deleted, then the new ones created; follows nestedSet "in-place update -
     * insertion".
     */
    @Test
    void setBlocks() throws Exception {
        String c = SLOWTEST + resource("team", "%s");
        applyThenPlan("set", c.formatted(members("alice", "admin", "bob", "reader", "carol", "reader")),
                c.formatted(members("alice", "admin", "bob", "writer", "dave", "reader")));
    }

    /** One {@code member} block per user and role given. */
    private static String members(String... userRoles) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < userRoles.length; i += 2) {
            sb.append(block("member", "user", userRoles[i], "role", userRoles[i + 1]));
        }
        return sb.toString();
    }

    /**
     * A replacement forced by an attribute inside a list block and by a whole force-new block:
     * follows nestedList "force-new update (inside blocks)" and nestedSingle "force-new update
     * (whole block)": {@code # forces replacement} after the attribute, and after the {@code {}
     * of the block.
     */
    @Test
    void forcesReplacement() throws Exception {
        String c = SLOWTEST + resource("moved", block("rule", "name", "web", "protocol", "%s")
                + block("placement", "zone", "%s"));
        applyThenPlan("replace", c.formatted("tcp", "a"), c.formatted("udp", "b"));
    }

    /**
     * A sensitive attribute inside a single block, and a set of blocks holding a sensitive
     * attribute, which makes the whole set sensitive (its marks move to the set, as in cty). The
     * attribute follows nestedMap "in-place update - insertion sensitive"; the set is shown as one
     * block with the comment of renderers/sensitive_block.go. Deliberate difference: Terraform
     * shows that block once per element (here a deleted and a created one); lockstep's plans do
     * not keep a sensitive set's elements, so it shows one block for the whole set.
     */
    @Test
    void sensitiveInBlocks() throws Exception {
        String c = SLOWTEST + resource("secretive", block("settings", "mode", "%s", "password", "%s")
                + block("credential", "user", "ci", "secret", "%s"));
        applyThenPlan("sensitive", c.formatted("a", "canary-password-1", "canary-credential-1"),
                c.formatted("b", "canary-password-2", "canary-credential-2"));
    }

    /**
     * Values known only after apply inside blocks: an attribute (primitive.go via unknown.go: old
     * value {@code -> (known after apply)}), a new block whose attribute is unknown, and a list of
     * dynamic blocks over a collection not known yet, drawn as block.go draws UnknownBlocks (a
     * line {@code rule (known after apply)} with the action of the enclosing body, then the old
     * blocks deleted, differ/list.go on an unknown after value).
     */
    @Test
    void unknownInBlocks() throws Exception {
        String c = SLOWTEST + """
                resource "terraform_data" "source" {
                  input = %s
                }

                resource "slowtest_block" "consumer" {
                  name = "consumer"
                  settings {
                    mode = terraform_data.source.output[0]
                  }
                  dynamic "rule" {
                    for_each = terraform_data.source.output
                    content {
                      name = rule.value
                    }
                  }
                }
                """;
        applyThenPlan("unknown", c.formatted("[\"v1\"]"), c.formatted("[\"v2\", \"v3\"]") + """

                resource "slowtest_block" "fresh" {
                  name = "fresh"
                  rule {
                    name = terraform_data.source.output[1]
                  }
                }
                """);
    }

    /**
     * A destroyed resource with blocks: every attribute, in the blocks too, ends in
     * {@code -> null} (renderers/util.go nullSuffix, never overridden in blocks); follows nestedList
     * "in-place update - deletion" for the deleted blocks.
     */
    @Test
    void destroyWithBlocks() throws Exception {
        applyThenPlan("destroy", SLOWTEST + """
                resource "slowtest_block" "orphan" {
                  name = "orphan"
                  settings {
                    mode = "x"
                  }
                  rule {
                    name  = "read"
                    verbs = ["get"]
                  }
                  member {
                    user = "alice"
                  }
                }
                """, SLOWTEST);
    }

    /**
     * A block edited outside lockstep: the drift section shows it as a plan does (block.go), and
     * so does {@code lockstep drift}.
     */
    @Test
    void driftInBlocks() throws Exception {
        config(SLOWTEST + """
                resource "slowtest_block" "edited" {
                  name = "edited"
                  settings {
                    mode   = "as configured"
                    labels = { team = "a" }
                  }
                }
                """);
        apply();
        Path store = dir.resolve("objects.json");
        ObjectNode objects = (ObjectNode) JSON.readTree(store.toFile());
        ObjectNode settings = (ObjectNode) objects.get("block:edited").get("body").get("settings");
        ((ObjectNode) settings.get("labels")).put("team", "edited by hand");
        Files.writeString(store, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(objects));
        check("drift");
        String drift = normalise(Cli.run("drift", "--no-color", "-C", dir.toString()).expect(2, "drift"));
        String plan = Files.readString(GOLDEN.resolve("drift.txt"));
        String section = plan.substring(0, plan.indexOf("Unless you have made"));
        assertTrue(drift.startsWith(section), "drift shows the block as plan does:\n" + drift);
    }
}
