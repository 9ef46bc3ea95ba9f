package dev.lockstep.cli.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.AccessChange;
import dev.lockstep.planner.plan.AccessChanges;
import dev.lockstep.planner.plan.AccessSystem;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.Grant;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.Principal;
import dev.lockstep.planner.plan.ResourceChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Goldens of the "Access changes" section of the text and Markdown plans, from a hand-built plan.
 * The files are {@code src/test/resources/golden/access/*}; run with
 * {@code -Dlockstep.updateGoldens=true} to rewrite them, then review them by eye.
 */
class AccessGoldenTest {

    private static final GoldenDir GOLDEN = new GoldenDir(Path.of("src/test/resources/golden/access"),
            List.of("plan.txt", "plan.md", "undecided.txt"));

    static final AccessChanges ACCESS = new AccessChanges(List.of(
            new AccessChange(AccessChange.Direction.GAINED, Grant.of(new Principal(AccessSystem.DATABRICKS, "group",
                    "data-eng"), List.of("CAN_RESTART"), "cluster shared", "", List.of("databricks_permissions.shared"))),
            new AccessChange(AccessChange.Direction.LOST, Grant.of(new Principal(AccessSystem.KUBERNETES, "user",
                    "bob@example.com"), List.of("get", "list"), "secrets in namespace team-a", "",
                    List.of("kubernetes_role_binding_v1.bob", "kubernetes_role_v1.reader")))), List.of(), 1);

    static Plan plan(AccessChanges access) {
        ResourceChange create = new ResourceChange(ResourceAddress.managed("terraform_data", "web"), "terraform",
                Action.CREATE, ActionReason.NONE, null, Value.object(Map.of("input", Value.string("v1"))), List.of(),
                List.of(), Map.of(), List.of(), List.of());
        return new Plan(PlanMode.NORMAL, List.of(create), List.of(), List.of(), "lineage", 1, "digest", Map.of(),
                List.of(), Instant.EPOCH, List.of(), access);
    }

    private static String render(Consumer<PrintWriter> r) {
        return GoldenDir.render(r);
    }

    @Test
    void planText() throws IOException {
        String text = render(out -> new PlanTextRenderer(Style.PLAIN).render(plan(ACCESS), out));
        golden("plan.txt", text);
        assertTrue(text.indexOf("Plan: 1 to add") < text.indexOf("Access changes:"), text);
        assertTrue(text.endsWith("Access changes:\n"
                + "  + group data-eng gains CAN_RESTART on cluster shared (databricks_permissions.shared)\n"
                + "  - user bob@example.com loses get,list on secrets in namespace team-a "
                + "(kubernetes_role_binding_v1.bob, kubernetes_role_v1.reader)\n"
                + "  (some access is known only after apply)\n"), text);
        String none = render(out -> new PlanTextRenderer(Style.PLAIN).render(plan(AccessChanges.NONE), out));
        assertFalse(none.contains("Access changes"), none);
    }

    @Test
    void planMarkdown() throws IOException {
        String md = render(out -> PlanMarkdownRenderer.render(plan(ACCESS), BodySchemas.NONE, out));
        golden("plan.md", md);
        assertTrue(md.indexOf("### Access changes") < md.indexOf("<details>"), md);
        assertFalse(md.substring(md.indexOf("<details>")).contains("gains"), "not repeated in the full plan");
    }

    @Test
    void onlyUndecidedAccess() throws IOException {
        golden("undecided.txt", render(out -> new PlanTextRenderer(Style.PLAIN).render(plan(new AccessChanges(
                List.of(), List.of(), 3)), out)));
    }

    @Test
    void everyGoldenBelongsToARendering() throws IOException {
        GOLDEN.assertNoStrays();
    }

    private static void golden(String name, String actual) throws IOException {
        GOLDEN.check(name, actual);
    }
}
