package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.validate.ConfigValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocks copied from the Terraform databricks provider's documentation validate against this
 * provider's schema with the planner's own validator (parser, evaluator, BodyDecoder): every
 * argument and block name is known, every type converts, every required argument is there. See
 * {@code terraform-examples/README.md} for the few edits.
 */
class TerraformExamplesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cluster.tf", "cluster_policy.tf", "instance_pool.tf", "job.tf", "notebook_directory.tf",
            "permissions.tf", "identity.tf", "secrets.tf"})
    void documentedExampleValidates(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/terraform-examples/" + file)) {
            Files.write(dir.resolve("main.hcl"), in.readAllBytes());
        }
        ConfigValidator v = new ConfigValidator(Schemas.of(new DatabricksProviderFactory()),
                Library.all(new FunctionContext(dir, Map.of(), true)));
        ConfigValidator.Result r = v.validate(dir, VariableValues.Sources.none());
        List<Diagnostic> errors = r.diagnostics().asList().stream().filter(Diagnostic::isError)
                .filter(d -> !d.summary().startsWith("No value for required variable")).toList();
        assertTrue(errors.isEmpty(), () -> file + ":\n" + errors.stream().map(Diagnostic::toString)
                .collect(Collectors.joining("\n")));
        assertFalse(r.config().resources().isEmpty(), "the file declares resources");
    }
}
