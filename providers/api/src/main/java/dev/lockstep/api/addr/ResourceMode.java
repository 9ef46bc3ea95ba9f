package dev.lockstep.api.addr;

/** Managed resources are created and owned; data sources are only read. */
public enum ResourceMode {
    MANAGED,
    DATA
}
