package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.provider.databricks.schema.S.BOOL;
import static dev.lockstep.provider.databricks.schema.S.NUM;
import static dev.lockstep.provider.databricks.schema.S.STR;
import static dev.lockstep.provider.databricks.schema.S.block;
import static dev.lockstep.provider.databricks.schema.S.comp;
import static dev.lockstep.provider.databricks.schema.S.opt;
import static dev.lockstep.provider.databricks.schema.S.optc;
import static dev.lockstep.provider.databricks.schema.S.req;
import static dev.lockstep.provider.databricks.schema.S.set;

import dev.lockstep.api.schema.ResourceSchema;
import java.util.List;

/** Schemas of {@code databricks_notebook}, {@code databricks_directory} and {@code databricks_permissions}. */
public final class WorkspaceSchemas {

    private WorkspaceSchemas() {
    }

    public static final ResourceSchema NOTEBOOK = new ResourceSchema("databricks_notebook", 0, block(
            comp("id", STR, "The notebook's path."),
            req("path", STR, "Absolute workspace path of the notebook.").asForceNew().asIdentifying(),
            optc("language", STR, "PYTHON, SCALA, SQL or R; inferred from the source file extension when unset.").allowing(Enums.LANGUAGE),
            opt("source", STR, "Local file with the notebook source (relative to the configuration directory)."),
            opt("content_base64", STR, "The notebook source, base64-encoded."),
            optc("format", STR, "Import format; SOURCE.").allowing(Enums.NOTEBOOK_FORMAT),
            comp("md5", STR, "MD5 of the notebook source (without the Databricks header)."),
            comp("object_id", NUM, "Workspace object id."),
            comp("url", STR, "URL of the notebook in the workspace."),
            comp("workspace_path", STR, "Path with the /Workspace prefix.")),
            "A notebook in the workspace.");

    public static final ResourceSchema DIRECTORY = new ResourceSchema("databricks_directory", 0, block(
            comp("id", STR, "The directory's path."),
            req("path", STR, "Absolute workspace path.").asForceNew().asIdentifying(),
            opt("delete_recursive", BOOL, "Delete the directory's content when destroying it."),
            comp("object_id", NUM, "Workspace object id."),
            comp("workspace_path", STR, "Path with the /Workspace prefix.")),
            "A workspace directory.");

    /** The attributes that name the object whose ACL a {@code databricks_permissions} manages. */
    public static final List<String> PERMISSION_TARGETS = List.of("cluster_id", "cluster_policy_id",
            "instance_pool_id", "job_id", "notebook_id", "notebook_path", "directory_id", "directory_path",
            "authorization");

    public static final ResourceSchema PERMISSIONS = new ResourceSchema("databricks_permissions", 0, block(
            comp("id", STR, "The object's ACL path, such as /clusters/0101-..."),
            opt("cluster_id", STR, "Cluster id.").asForceNew(),
            opt("cluster_policy_id", STR, "Cluster policy id.").asForceNew(),
            opt("instance_pool_id", STR, "Instance pool id.").asForceNew(),
            opt("job_id", STR, "Job id.").asForceNew(),
            opt("notebook_id", STR, "Notebook object id.").asForceNew(),
            opt("notebook_path", STR, "Notebook path.").asForceNew(),
            opt("directory_id", STR, "Directory object id.").asForceNew(),
            opt("directory_path", STR, "Directory path.").asForceNew(),
            opt("authorization", STR, "tokens (personal access token usage).").asForceNew(),
            optc("mode", STR, "authoritative (default: the ACL is exactly the declared entries) or additive "
                    + "(only the declared entries are managed).").allowing(Enums.PERMISSIONS_MODE),
            comp("object_type", STR, "The object's type as the API names it."),
            set("access_control", block(
                    opt("user_name", STR, "User name."),
                    opt("group_name", STR, "Group display name."),
                    opt("service_principal_name", STR, "Service principal application id."),
                    req("permission_level", STR, "Level, such as CAN_MANAGE or CAN_USE.").allowing(Enums.PERMISSION_LEVEL)), 1, 0)),
            "The access control list of a cluster, policy, pool, job, notebook, directory or token usage.");
}
