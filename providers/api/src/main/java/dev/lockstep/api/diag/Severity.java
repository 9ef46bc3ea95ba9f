package dev.lockstep.api.diag;

/** How serious a diagnostic is: errors stop the operation, warnings are reported and ignored. */
public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case word used in rendered output ("error", "warning"). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
