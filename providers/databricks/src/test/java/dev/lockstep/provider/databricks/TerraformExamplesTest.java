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

    /** Values the API enumerates are checked at validate, at the attribute, with the closest value. */
    @org.junit.jupiter.api.Test
    void enumTyposFailValidateAtTheAttribute() throws IOException {
        Files.writeString(dir.resolve("main.hcl"), """
                resource "databricks_cluster" "c" {
                  spark_version      = "15.4.x-scala2.12"
                  node_type_id       = "i3.xlarge"
                  num_workers        = 1
                  data_security_mode = "SINGLE_USR"
                }
                resource "databricks_secret_acl" "a" {
                  scope      = "s"
                  principal  = "users"
                  permission = "OWN_EVERYTHING"
                }
                resource "databricks_secret_acl" "ok" {
                  scope      = "s"
                  principal  = "admins"
                  permission = "read"
                }
                """);
        ConfigValidator v = new ConfigValidator(Schemas.of(new DatabricksProviderFactory()),
                Library.all(new FunctionContext(dir, Map.of(), true)));
        List<String> errors = v.validate(dir, VariableValues.Sources.none()).diagnostics().asList().stream()
                .filter(Diagnostic::isError).map(d -> d.subject().start().line() + ":" + d.subject().start().column()
                        + " " + d.summary() + ": " + d.detail()).toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(
                "5:24 Invalid value for \"data_security_mode\": data_security_mode must be one of SINGLE_USER, "
                        + "USER_ISOLATION, NONE, DATA_SECURITY_MODE_AUTO, DATA_SECURITY_MODE_STANDARD, "
                        + "DATA_SECURITY_MODE_DEDICATED, LEGACY_TABLE_ACL, LEGACY_PASSTHROUGH, LEGACY_SINGLE_USER, "
                        + "LEGACY_SINGLE_USER_STANDARD, not \"SINGLE_USR\". Did you mean \"SINGLE_USER\"?",
                "10:16 Invalid value for \"permission\": permission must be one of READ, WRITE, MANAGE (in any case), "
                        + "not \"OWN_EVERYTHING\"."), errors);
    }
}
