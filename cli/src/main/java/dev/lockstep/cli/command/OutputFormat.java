package dev.lockstep.cli.command;

/** Output formats a command can render. */
public enum OutputFormat {
    text,
    json,
    markdown,
    /** The policy findings as SARIF 2.1.0 (plan, show PLANFILE, drift). */
    sarif
}
