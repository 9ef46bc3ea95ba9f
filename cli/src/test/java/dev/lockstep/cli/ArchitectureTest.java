package dev.lockstep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency rules of DESIGN.md, enforced on the compiled classes: the API is a leaf,
 * the planner and state never compile against an SDK or picocli, picocli lives only in the CLI,
 * and there are no package cycles.
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
    }
}
