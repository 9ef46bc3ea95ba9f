package dev.lockstep.planner.access;

/** The systems whose access lockstep resolves. */
public enum AccessSystem {
    KUBERNETES,
    DATABRICKS
}
