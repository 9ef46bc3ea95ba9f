package dev.lockstep.cli.command;

/** Output formats a command can render. */
public enum OutputFormat {
    text,
    json,
    markdown
}
