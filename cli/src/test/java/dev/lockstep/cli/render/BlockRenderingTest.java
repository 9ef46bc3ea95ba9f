package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nested blocks in the text plan, on Terraform's own test cases: each expected output is the
 * {@code ExpectedOutput} of the named case of Terraform's
 * {@code internal/command/jsonformat/plan_test.go} (where the case also has the nested attribute
 * {@code disks}, which lockstep schemas cannot declare, without it and its width), or, where no
 * case covers the situation, what Terraform's differ and renderers make of it (the comment says
 * which rule).
 */
class BlockRenderingTest {

    private static final String ID = "i-02ae66f368e8518a9";

    /** {@code testSchema} (and with {@code volumeTypeOnly} false {@code testSchemaPlus}) without {@code disks}. */
    private static BlockSchema testSchema(NestedBlockSchema.Nesting nesting, boolean volumeTypeOnly) {
        BlockSchema device = volumeTypeOnly ? BlockSchema.of(AttributeSchema.optional("volume_type", Type.STRING))
                : BlockSchema.of(AttributeSchema.optional("volume_type", Type.STRING),
                        AttributeSchema.optional("new_field", Type.STRING));
        return BlockSchema.of(List.of(AttributeSchema.optional("id", Type.STRING).asComputed(),
                AttributeSchema.optional("ami", Type.STRING)), List.of(
                new NestedBlockSchema("root_block_device", nesting, device, 0, 0, false)));
    }

    private static Value obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Value x ? x : v == null ? Value.nullOf(Type.STRING)
                    : Value.string((String) v));
        }
        return Value.object(m);
    }

    private static Value list(Value... elements) {
        return elements.length == 0 ? Value.emptyList(Type.DYNAMIC) : Value.listOf(List.of(elements));
    }

    private static Value instance(String ami, Value devices) {
        return obj("id", ID, "ami", ami, "root_block_device", devices);
    }

    /** The text plan of one change of {@code test_instance.example}, from its heading to its closing brace. */
    private static String render(BlockSchema schema, Action action, Value before, Value after,
            AttributePath... replace) {
        ResourceChange c = new ResourceChange(ResourceAddress.managed("test_instance", "example"), "test", action,
                action.isReplace() ? ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE : ActionReason.NONE, before, after,
                List.of(replace), List.of(), Map.of(), List.of(), List.of());
        StringWriter sw = new StringWriter();
        Plan plan = new Plan(PlanMode.NORMAL, List.of(c), List.of(), List.of(), "lineage", 1, "digest", Map.of(),
                List.of(), Instant.EPOCH);
        new PlanTextRenderer(Style.PLAIN, (data, type) -> schema).render(plan, new PrintWriter(sw));
        String out = sw.toString();
        int from = out.indexOf("  # test_instance.example");
        return out.substring(from, out.indexOf("\n    }\n", from) + 7);
    }

    /**
     * An empty string that is an element of a list (a Role's core API group, {@code api_groups = [""]})
     * is shown as {@code ""}: only an attribute that is an empty string counts as null.
     */
    @Test
    void anEmptyStringInAListIsShownAsOne() {
        BlockSchema s = BlockSchema.of(AttributeSchema.optional("id", Type.STRING).asComputed(),
                AttributeSchema.optional("groups", Type.list(Type.STRING)));
        String out = render(s, Action.CREATE, null, obj("id", ID, "groups", list(Value.string(""))));
        assertEquals("""
                  # test_instance.example will be created
                  + resource "test_instance" "example" {
                      + groups = [
                          + "",
                        ]
                      + id     = "i-02ae66f368e8518a9"
                    }
                """, out);
    }

    /** nestedList "in-place sequence update - deletion": list blocks are paired index by index. */
    @Test
    void listBlocksArePairedByIndex() {
        BlockSchema s = BlockSchema.of(List.of(), List.of(NestedBlockSchema.list("list",
                BlockSchema.of(AttributeSchema.required("attr", Type.STRING)), 0, 0)));
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      ~ list {
                          ~ attr = "x" -> "y"
                        }
                      ~ list {
                          ~ attr = "y" -> "z"
                        }
                    }
                """, render(s, Action.UPDATE, obj("list", list(obj("attr", "x"), obj("attr", "y"))),
                obj("list", list(obj("attr", "y"), obj("attr", "z")))));
    }

    /** nestedList "with dynamically-typed attribute": no attributes, so no blank line before the blocks. */
    @Test
    void blocksWithoutAttributesBeforeThem() {
        BlockSchema s = BlockSchema.of(List.of(), List.of(NestedBlockSchema.list("block",
                BlockSchema.of(AttributeSchema.optional("attr", Type.DYNAMIC)), 0, 0)));
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      + block {
                          + attr = "foo"
                        }
                      + block {
                          + attr = true
                        }
                    }
                """, render(s, Action.UPDATE, obj("block", Value.EMPTY_TUPLE),
                obj("block", Value.tuple(List.of(obj("attr", "foo"), obj("attr", Value.TRUE))))));
    }

    /** nestedList "in-place update - creation": a block with nothing in it is {@code {}}. */
    @Test
    void anEmptyBlockIsCreated() {
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      ~ ami = "ami-BEFORE" -> "ami-AFTER"
                        id  = "i-02ae66f368e8518a9"

                      + root_block_device {}
                    }
                """, render(testSchema(NestedBlockSchema.Nesting.LIST, true), Action.UPDATE,
                instance("ami-BEFORE", list()), instance("ami-AFTER", list(obj("volume_type", null)))));
    }

    /** nestedList "in-place update - deletion": the attributes of a deleted block end in {@code -> null}. */
    @Test
    void aDeletedBlock() {
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      ~ ami = "ami-BEFORE" -> "ami-AFTER"
                        id  = "i-02ae66f368e8518a9"

                      - root_block_device {
                          - volume_type = "gp2" -> null
                        }
                    }
                """, render(testSchema(NestedBlockSchema.Nesting.LIST, true), Action.UPDATE,
                instance("ami-BEFORE", list(obj("volume_type", "gp2"))), instance("ami-AFTER", list())));
    }

    /** nestedList "in-place update - equal": an unchanged block is counted after a blank line. */
    @Test
    void anUnchangedBlockIsCounted() {
        Value devices = list(obj("volume_type", "gp2"));
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      ~ ami = "ami-BEFORE" -> "ami-AFTER"
                        id  = "i-02ae66f368e8518a9"

                        # (1 unchanged block hidden)
                    }
                """, render(testSchema(NestedBlockSchema.Nesting.LIST, true), Action.UPDATE,
                instance("ami-BEFORE", devices), instance("ami-AFTER", devices)));
    }

    /** nestedList "force-new update (whole block)" and "(inside blocks)". */
    @Test
    void replacementForcedByABlockAndInsideOne() {
        String whole = render(testSchema(NestedBlockSchema.Nesting.LIST, true), Action.DELETE_THEN_CREATE,
                instance("ami-BEFORE", list(obj("volume_type", "gp2"))),
                instance("ami-AFTER", list(obj("volume_type", "different"))), AttributePath.of("root_block_device"));
        assertEquals("""
                  # test_instance.example must be replaced
                -/+ resource "test_instance" "example" {
                      ~ ami = "ami-BEFORE" -> "ami-AFTER"
                        id  = "i-02ae66f368e8518a9"

                      ~ root_block_device { # forces replacement
                          ~ volume_type = "gp2" -> "different"
                        }
                    }
                """, whole);
        String inside = render(testSchema(NestedBlockSchema.Nesting.LIST, true), Action.DELETE_THEN_CREATE,
                instance("ami-BEFORE", list(obj("volume_type", "gp2"))),
                instance("ami-AFTER", list(obj("volume_type", "different"))),
                AttributePath.of("root_block_device").index(0).attr("volume_type"));
        assertEquals(whole.replace(" { # forces replacement", " {").replace("\"different\"\n",
                "\"different\" # forces replacement\n"), inside);
    }

    /** nestedSet "in-place update - insertion": a changed set block is deleted and created. */
    @Test
    void setBlocksAreMatchedByEquality() {
        BlockSchema s = testSchema(NestedBlockSchema.Nesting.SET, false);
        Value before = obj("volume_type", "gp2", "new_field", null);
        Value after = obj("volume_type", "gp2", "new_field", "new_value");
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      ~ ami = "ami-BEFORE" -> "ami-AFTER"
                        id  = "i-02ae66f368e8518a9"

                      - root_block_device {
                          - volume_type = "gp2" -> null
                        }
                      + root_block_device {
                          + new_field   = "new_value"
                          + volume_type = "gp2"
                        }
                    }
                """, render(s, Action.UPDATE, instance("ami-BEFORE", Value.set(before.type(), List.of(before))),
                instance("ami-AFTER", Value.set(after.type(), List.of(after)))));
    }

    /**
     * A single block that becomes unknown (differ/unknown.go checkForUnknownBlock: the old block
     * with each attribute known after apply, renderers/unknown.go: {@code -> (known after apply)},
     * no {@code -> null} in the old value); and a list of blocks unknown in a new object
     * (block.go UnknownBlocks: the line has the action of the enclosing body).
     */
    @Test
    void unknownBlocks() {
        BlockSchema s = testSchema(NestedBlockSchema.Nesting.SINGLE, false);
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                        id  = "i-02ae66f368e8518a9"
                        # (1 unchanged attribute hidden)

                      ~ root_block_device {
                          + new_field   = (known after apply)
                          ~ volume_type = "gp2" -> (known after apply)
                        } -> (known after apply)
                    }
                """, render(s, Action.UPDATE, instance("ami", obj("volume_type", "gp2", "new_field", null)),
                instance("ami", Value.unknown(s.blocks().get("root_block_device").block().impliedType()))));
        BlockSchema l = testSchema(NestedBlockSchema.Nesting.LIST, true);
        assertEquals("""
                  # test_instance.example will be created
                  + resource "test_instance" "example" {
                      + ami = "ami"
                      + id  = (known after apply)

                      + root_block_device (known after apply)
                    }
                """, render(l, Action.CREATE, null, obj("id", Value.unknown(Type.STRING), "ami", "ami",
                "root_block_device", Value.unknown(Type.list(l.blocks().get("root_block_device").block()
                        .impliedType())))));
    }

    /** A block that is sensitive as a whole (renderers/sensitive_block.go). */
    @Test
    void aSensitiveBlock() {
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                        id  = "i-02ae66f368e8518a9"
                        # (1 unchanged attribute hidden)

                      ~ root_block_device {
                          # At least one attribute in this block is (or was) sensitive,
                          # so its contents will not be displayed.
                        }
                    }
                """, render(testSchema(NestedBlockSchema.Nesting.SINGLE, true), Action.UPDATE,
                instance("ami", obj("volume_type", "gp2").markSensitive()),
                instance("ami", obj("volume_type", "gp3").markSensitive())));
    }

    /**
     * In a schema the legacy SDK could have declared, an empty string is null (differ/attribute.go
     * ComputeDiffForType): {@code ""} to a value is a creation, a value to {@code ""} a deletion,
     * and {@code ""} on both sides an unchanged attribute (still recorded: differ/block.go tests
     * the raw value for null before skipping one); a blank line before each type of blocks.
     */
    @Test
    void emptyStringsAreNullInLegacySchemas() {
        BlockSchema s = BlockSchema.of(List.of(AttributeSchema.optional("id", Type.STRING).asComputed(),
                AttributeSchema.optional("ami", Type.STRING), AttributeSchema.optional("zone", Type.STRING)),
                List.of(NestedBlockSchema.single("leaf_block_device", BlockSchema.of(
                        AttributeSchema.optional("volume_type", Type.STRING)), false),
                        NestedBlockSchema.single("root_block_device", BlockSchema.of(
                                AttributeSchema.optional("volume_type", Type.STRING)), false)));
        assertEquals("""
                  # test_instance.example will be updated in-place
                  ~ resource "test_instance" "example" {
                      + ami  = "ami-AFTER"
                        id   = "i-02ae66f368e8518a9"
                        # (1 unchanged attribute hidden)

                      ~ leaf_block_device {
                          ~ volume_type = "gp2" -> "gp3"
                        }

                      ~ root_block_device {
                          - volume_type = "gp2" -> null
                        }
                    }
                """, render(s, Action.UPDATE,
                obj("id", ID, "ami", "", "zone", "", "leaf_block_device", obj("volume_type", "gp2"),
                        "root_block_device", obj("volume_type", "gp2")),
                obj("id", ID, "ami", "ami-AFTER", "zone", "", "leaf_block_device", obj("volume_type", "gp3"),
                        "root_block_device", obj("volume_type", ""))));
    }
}
