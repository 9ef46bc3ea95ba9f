package dev.lockstep.cli.golden;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of plan rendering: for each scenario a configuration is applied (in-process
 * {@code apply --auto-approve}), changed, and planned as text ({@code --no-color}), JSON and
 * Markdown; the nondeterministic parts (UUIDs, timestamps, digests, the version) are replaced by
 * placeholders and each rendering is compared with
 * {@code src/test/resources/golden/plan/<scenario>.{txt,json,md}}. Every scenario also checks that
 * {@code show} of the plan saved with {@code -o} renders exactly what {@code plan} did, and that
 * no rendering, nor the plan file, contains any secret: every secret value in these
 * configurations contains {@code canary}, which must appear nowhere.
 *
 * <p>Run with {@code -Dlockstep.updateGoldens=true} to rewrite the goldens from the current
 * renderers (for example {@code mvn -B -o verify -pl cli -am -Dtest=PlanGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlockstep.updateGoldens=true}); review every changed
 * golden by eye before committing it.
 */
class PlanGoldenTest extends GoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/plan");

    PlanGoldenTest() {
        super(GOLDEN, List.of("create", "update_in_place", "replace_forced", "replace_requested",
                "create_before_destroy", "delete_orphan", "count_for_each", "unknown_values", "sensitive", "target",
                "destroy", "no_changes", "drift", "refresh_only", "outputs"));
    }

    // ------------------------------------------------------------------ scenarios

    @Test
    void create() throws Exception {
        config(SLOWTEST + """
                resource "terraform_data" "plain" {
                  input = "hello"
                }

                resource "terraform_data" "nested" {
                  input = {
                    enabled = true
                    ports   = [80, 443]
                    labels  = tomap({ team = "platform", "app.kubernetes.io/name" = "web" })
                    script  = "#!/bin/sh\\necho hello\\n"
                    empty   = []
                  }
                  triggers_replace = ["v1"]
                }

                resource "slowtest_object" "obj" {
                  name  = "created"
                  value = "v"
                }

                output "plain" {
                  value = terraform_data.plain.output
                }
                """);
        check("create");
    }

    @Test
    void updateInPlace() throws Exception {
        String doc = SLOWTEST + """
                resource "slowtest_object" "obj" {
                  name  = "updated"
                  value = "%s"
                }

                resource "terraform_data" "doc" {
                  input = {
                    tuple  = %s
                    list   = tolist(%s)
                    map    = tomap(%s)
                    script = "%s"
                    nested = { level = %s, tags = ["x"] }
                    same   = "unchanged"
                  }
                }
                """;
        config(doc.formatted("before", "[\"a\", \"b\", \"c\", \"d\", \"e\"]", "[\"one\", \"two\"]",
                "{ keep = \"1\", change = \"old\", drop = \"x\" }", "line one\\nline two\\nline three\\n", "1"));
        apply();
        config(doc.formatted("after", "[\"a\", \"b\", \"X\", \"d\", \"e\"]", "[\"one\", \"three\", \"two\"]",
                "{ keep = \"1\", change = \"new\", add = \"y\" }", "line one\\nline 2\\nline three\\n", "2"));
        check("update_in_place");
    }

    @Test
    void replaceForcedByAttributes() throws Exception {
        String c = SLOWTEST + """
                resource "terraform_data" "triggered" {
                  input            = "same"
                  triggers_replace = { version = "%s" }
                }

                resource "slowtest_object" "renamed" {
                  name  = "%s"
                  value = "kept"
                }
                """;
        config(c.formatted("v1", "old-name"));
        apply();
        config(c.formatted("v2", "new-name"));
        check("replace_forced");
    }

    @Test
    void replaceRequested() throws Exception {
        config("""
                resource "terraform_data" "a" {
                  input = "a"
                }

                resource "terraform_data" "b" {
                  input = "b"
                }
                """);
        apply();
        check("replace_requested", "--replace", "terraform_data.a");
    }

    @Test
    void createBeforeDestroy() throws Exception {
        String c = SLOWTEST + """
                resource "terraform_data" "cbd" {
                  input            = "x"
                  triggers_replace = %s

                  lifecycle {
                    create_before_destroy = true
                  }
                }

                resource "slowtest_object" "cbd" {
                  name  = "%s"
                  value = "v"

                  lifecycle {
                    create_before_destroy = true
                  }
                }
                """;
        config(c.formatted("1", "blue"));
        apply();
        config(c.formatted("2", "green"));
        check("create_before_destroy");
    }

    @Test
    void deleteOrphans() throws Exception {
        config(SLOWTEST + """
                resource "terraform_data" "kept" {
                  input = "kept"
                }

                resource "terraform_data" "orphan" {
                  input = { list = [1, 2], obj = { k = "v" } }
                }

                resource "slowtest_object" "orphan" {
                  name  = "orphan"
                  value = "v"
                }
                """);
        apply();
        config(SLOWTEST + """
                resource "terraform_data" "kept" {
                  input = "kept"
                }
                """);
        check("delete_orphan");
    }

    @Test
    void countAndForEachChanges() throws Exception {
        String c = SLOWTEST + """
                resource "terraform_data" "worker" {
                  count = %s
                  input = "w-${count.index}"
                }

                resource "slowtest_object" "each" {
                  for_each = %s
                  name     = "fe-${each.key}"
                  value    = each.value
                }
                """;
        config(c.formatted("3", "{ a = \"1\", b = \"2\", c = \"3\" }"));
        apply();
        config(c.formatted("2", "{ a = \"1\", c = \"30\", d = \"4\" }"));
        check("count_for_each");
    }

    @Test
    void unknownValuesFlowIntoDependents() throws Exception {
        String source = SLOWTEST + """
                resource "terraform_data" "source" {
                  input = "%s"
                }
                """;
        config(source.formatted("v1"));
        apply();
        config(source.formatted("v2") + """

                resource "slowtest_object" "consumer" {
                  name  = "consumer"
                  value = terraform_data.source.output
                }

                resource "terraform_data" "ids" {
                  input = {
                    source_id = terraform_data.source.id
                    new_id    = slowtest_object.consumer.id
                    list      = [terraform_data.source.output, "fixed"]
                  }
                }

                output "consumer_id" {
                  value = slowtest_object.consumer.id
                }
                """);
        check("unknown_values");
    }

    @Test
    void sensitiveValuesAreNeverShown() throws Exception {
        String c = SLOWTEST + """
                variable "token" {
                  type      = string
                  default   = "%s"
                  sensitive = true
                }

                resource "terraform_data" "creds" {
                  input = { user = "%s", token = var.token }
                }

                resource "terraform_data" "whole" {
                  input = var.token
                }

                resource "slowtest_object" "secretive" {
                  name   = "secretive"
                  value  = "%s"
                  secret = "%s"
                }

                output "token" {
                  value     = var.token
                  sensitive = true
                }
                """;
        config(c.formatted("canary-token-1", "admin", "v1", "canary-secret-1"));
        apply();
        config(c.formatted("canary-token-2", "root", "v2", "canary-secret-2") + """

                resource "terraform_data" "fresh" {
                  input = [var.token, "plain"]
                }
                """);
        check("sensitive");
    }

    @Test
    void targeted() throws Exception {
        String c = """
                resource "terraform_data" "a" {
                  input = "%s"
                }

                resource "terraform_data" "b" {
                  input = { from_a = terraform_data.a.output, own = "%s" }
                }

                resource "terraform_data" "c" {
                  input = "%s"
                }
                """;
        config(c.formatted("a1", "b1", "c1"));
        apply();
        config(c.formatted("a2", "b2", "c2"));
        check("target", "--target", "terraform_data.b");
    }

    @Test
    void destroyEverything() throws Exception {
        config(SLOWTEST + """
                resource "terraform_data" "a" {
                  input = { k = "v" }
                }

                resource "slowtest_object" "b" {
                  name  = "b"
                  value = terraform_data.a.id
                }

                output "b_id" {
                  value = slowtest_object.b.id
                }
                """);
        apply();
        check("destroy", "--destroy");
    }

    @Test
    void noChanges() throws Exception {
        config(SLOWTEST + """
                resource "terraform_data" "a" {
                  input = [1, 2, 3]
                }

                resource "slowtest_object" "b" {
                  name   = "b"
                  value  = "v"
                  secret = "canary-unchanged"
                }
                """);
        apply();
        check("no_changes");
    }

    private void driftSetup() throws IOException {
        config(SLOWTEST + """
                resource "slowtest_object" "edited" {
                  name   = "edited"
                  value  = "as configured"
                  secret = "canary-drift-1"
                }

                resource "slowtest_object" "deleted" {
                  name  = "deleted"
                  value = "v"
                }

                resource "slowtest_object" "steady" {
                  name  = "steady"
                  value = "v"
                }
                """);
        apply();
        Path store = dir.resolve("objects.json");
        ObjectNode objects = (ObjectNode) JSON.readTree(store.toFile());
        ((ObjectNode) objects.get("edited")).put("value", "edited by hand").put("secret", "canary-drift-2");
        objects.remove("deleted");
        Files.writeString(store, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(objects));
    }

    @Test
    void driftChangedAndDeletedOutOfBand() throws Exception {
        driftSetup();
        check("drift");
    }

    @Test
    void refreshOnlyDrift() throws Exception {
        driftSetup();
        check("refresh_only", "--refresh-only");
    }

    @Test
    void outputChanges() throws Exception {
        String c = """
                resource "terraform_data" "a" {
                  input = "%s"
                }

                output "changed" {
                  value = "%s"
                }

                output "same" {
                  value = { k = "v" }
                }

                output "from_resource" {
                  value = terraform_data.a.output
                }

                output "secret" {
                  value     = "%s"
                  sensitive = true
                }
                """;
        config(c.formatted("one", "before", "canary-out-1") + """

                output "removed" {
                  value = [1, 2]
                }
                """);
        apply();
        config(c.formatted("two", "after", "canary-out-2") + """

                output "added" {
                  value = { list = [1], s = "x" }
                }
                """);
        check("outputs");
    }
}
