package dev.lockstep.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, enforced on the compiled classes: the API is a
 * leaf, the planner and state never compile against an SDK or picocli, picocli lives only in the
 * CLI, the CLI's commands reach the engine only through its front door (the core API in
 * {@code planner.ops}, the plan and plan-file types), no SDK type appears in the CLI, and there
 * are no package cycles, down to single packages inside the planner.
 */
class ArchitectureTest {

    private static final String[] SDK_PACKAGES = {"io.fabric8..", "com.databricks..", "software.amazon..",
        "io.github.jopenlibs..", "okhttp3..", "org.apache.http.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lockstep");
    }

    @Test
    void apiDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.lockstep.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lockstep.planner..", "dev.lockstep.state..",
                        "dev.lockstep.cli..", "dev.lockstep.provider..", "dev.lockstep.sandbox..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.lockstep.api..")
                .should().dependOnClassesThat().resideInAnyPackage(SDK_PACKAGES)
                .orShould().dependOnClassesThat().resideInAnyPackage("picocli..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void plannerAndStateNeverTouchAnSdkOrPicocli() {
        noClasses().that().resideInAnyPackage("dev.lockstep.planner..", "dev.lockstep.state..")
                .should().dependOnClassesThat().resideInAnyPackage(SDK_PACKAGES)
                .orShould().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.lockstep.planner..", "dev.lockstep.state..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep.cli..")
                .check(classes);
    }

    @Test
    void picocliOnlyInTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.lockstep.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenTopLevelModules() {
        slices().matching("dev.lockstep.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesBetweenPlannerPackages() {
        slices().matching("dev.lockstep.planner.(*)..").should().beFreeOfCycles().check(classes);
        // every package on its own, so that sub-packages (hcl.eval, hcl.function) cannot form one either
        slices().matching("dev.lockstep.planner.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The value types of the state a command may show: the top-level package and two backend records. */
    private static final DescribedPredicate<JavaClass> STATE_VALUES = new DescribedPredicate<>(
            "state values (dev.lockstep.state, LockInfo, SnapshotInfo)") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("dev.lockstep.state")
                    || c.getName().equals("dev.lockstep.state.backend.LockInfo")
                    || c.getName().equals("dev.lockstep.state.backend.SnapshotInfo");
        }
    };

    @Test
    void cliCommandsUseOnlyTheFrontDoor() {
        classes().that().resideInAnyPackage("dev.lockstep.cli", "dev.lockstep.cli.command")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "picocli..", "com.fasterxml.jackson..",
                        "sun.misc..", "dev.lockstep.cli..", "dev.lockstep.api..", "dev.lockstep.planner.ops..",
                        "dev.lockstep.planner.plan..", "dev.lockstep.planner.planfile..", "dev.lockstep.sandbox",
                        "dev.lockstep.planner.policy", "dev.lockstep.planner.approval")
                        .or(STATE_VALUES))
                .because("the command line parses options, calls one core operation, renders its outcome and maps "
                        + "it to an exit code (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void cliRenderersUseOnlyValuesAndFormats() {
        classes().that().resideInAPackage("dev.lockstep.cli.render")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "com.fasterxml.jackson..",
                        "dev.lockstep.cli.render..", "dev.lockstep.api..", "dev.lockstep.planner.ops..",
                        "dev.lockstep.planner.plan..", "dev.lockstep.planner.planfile..", "dev.lockstep.planner.graph..",
                        "dev.lockstep.planner.schema..", "dev.lockstep.planner.hcl.print..", "dev.lockstep.planner.hcl.lexer..", "dev.lockstep.state.codec..",
                        "dev.lockstep.planner.policy", "dev.lockstep.planner.policy.rules", "dev.lockstep.planner.approval")
                        .or(STATE_VALUES).or(type(dev.lockstep.planner.engine.Diffs.class)))
                .check(classes);
    }

    @Test
    void noSdkTypeInTheCli() {
        noClasses().that().resideInAPackage("dev.lockstep.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(SDK_PACKAGES)
                .check(classes);
    }
}
