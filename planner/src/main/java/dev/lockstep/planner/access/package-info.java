/**
 * The effective-access diff (docs/access.md): who can do what in Kubernetes and Databricks,
 * resolved from resource values (RBAC bindings through roles and aggregated ClusterRoles,
 * Databricks permissions through group membership and directory inheritance), and what a plan
 * changes in it. Pure: values in, grants and changes out.
 */
package dev.lockstep.planner.access;
