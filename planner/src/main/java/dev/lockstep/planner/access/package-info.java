/**
 * The effective-access resolver (docs/access.md): who can do what in Kubernetes and Databricks,
 * resolved from resource values (RBAC bindings through roles and aggregated ClusterRoles,
 * Databricks permissions through group membership and directory inheritance), and what a plan
 * changes in it. Pure: values in, grants and changes out. The results are plan values
 * ({@link dev.lockstep.planner.plan.Grant}, {@link dev.lockstep.planner.plan.AccessChanges}), as
 * policy findings are, so that this package may read values with the policy rules' readers
 * without a package cycle.
 */
package dev.lockstep.planner.access;
