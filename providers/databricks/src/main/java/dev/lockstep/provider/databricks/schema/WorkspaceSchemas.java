package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.api.schema.SchemaBuilder.BOOL;
import static dev.lockstep.api.schema.SchemaBuilder.NUMBER;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;
import static dev.lockstep.api.schema.SchemaBuilder.set;

import dev.lockstep.api.schema.ResourceSchema;
import java.util.List;

/** Schemas of {@code databricks_notebook}, {@code databricks_directory} and {@code databricks_permissions}. */
public final class WorkspaceSchemas {

    private WorkspaceSchemas() {
    }

    public static final ResourceSchema NOTEBOOK = new ResourceSchema("databricks_notebook", 0, block(
            computed("id", STRING, "The notebook's path."),
            required("path", STRING, "Absolute workspace path of the notebook.").asForceNew().asIdentifying(),
            optionalComputed("language", STRING, "PYTHON, SCALA, SQL or R; inferred from the source file extension when unset.").allowing(Enums.LANGUAGE),
            optional("source", STRING, "Local file with the notebook source (relative to the configuration directory)."),
            optional("content_base64", STRING, "The notebook source, base64-encoded."),
            optionalComputed("format", STRING, "Import format; SOURCE.").allowing(Enums.NOTEBOOK_FORMAT),
            computed("md5", STRING, "MD5 of the notebook source (without the Databricks header)."),
            computed("object_id", NUMBER, "Workspace object id."),
            computed("url", STRING, "URL of the notebook in the workspace."),
            computed("workspace_path", STRING, "Path with the /Workspace prefix.")),
            "A notebook in the workspace.");

    public static final ResourceSchema DIRECTORY = new ResourceSchema("databricks_directory", 0, block(
            computed("id", STRING, "The directory's path."),
            required("path", STRING, "Absolute workspace path.").asForceNew().asIdentifying(),
            optional("delete_recursive", BOOL, "Delete the directory's content when destroying it."),
            computed("object_id", NUMBER, "Workspace object id."),
            computed("workspace_path", STRING, "Path with the /Workspace prefix.")),
            "A workspace directory.");

    /** The attributes that name the object whose ACL a {@code databricks_permissions} manages. */
    public static final List<String> PERMISSION_TARGETS = List.of("cluster_id", "cluster_policy_id",
            "instance_pool_id", "job_id", "notebook_id", "notebook_path", "directory_id", "directory_path",
            "authorization");

    public static final ResourceSchema PERMISSIONS = new ResourceSchema("databricks_permissions", 0, block(
            computed("id", STRING, "The object's ACL path, such as /clusters/0101-..."),
            optional("cluster_id", STRING, "Cluster id.").asForceNew(),
            optional("cluster_policy_id", STRING, "Cluster policy id.").asForceNew(),
            optional("instance_pool_id", STRING, "Instance pool id.").asForceNew(),
            optional("job_id", STRING, "Job id.").asForceNew(),
            optional("notebook_id", STRING, "Notebook object id.").asForceNew(),
            optional("notebook_path", STRING, "Notebook path.").asForceNew(),
            optional("directory_id", STRING, "Directory object id.").asForceNew(),
            optional("directory_path", STRING, "Directory path.").asForceNew(),
            optional("authorization", STRING, "tokens (personal access token usage).").asForceNew(),
            optionalComputed("mode", STRING, "authoritative (default: the ACL is exactly the declared entries) or additive "
                    + "(only the declared entries are managed).").allowing(Enums.PERMISSIONS_MODE),
            computed("object_type", STRING, "The object's type as the API names it."),
            set("access_control", block(
                    optional("user_name", STRING, "User name."),
                    optional("group_name", STRING, "Group display name."),
                    optional("service_principal_name", STRING, "Service principal application id."),
                    required("permission_level", STRING, "Level, such as CAN_MANAGE or CAN_USE.").allowing(Enums.PERMISSION_LEVEL)), 1, 0)),
            "The access control list of a cluster, policy, pool, job, notebook, directory or token usage.");
}
