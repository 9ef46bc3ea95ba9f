package dev.lockstep.planner.plan;

/** The systems whose access lockstep resolves. */
public enum AccessSystem {
    KUBERNETES,
    DATABRICKS
}
