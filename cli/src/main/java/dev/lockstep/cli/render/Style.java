package dev.lockstep.cli.render;

/**
 * Terminal colours, or none: colour is used only when output goes to a terminal, {@code --no-color}
 * is not given and {@code NO_COLOR} is not set.
 */
public final class Style {

    public static final Style PLAIN = new Style(false);
    public static final Style COLOR = new Style(true);

    private final boolean color;

    private Style(boolean color) {
        this.color = color;
    }

    /** Colour if the process writes to a terminal and the user did not turn it off. */
    public static Style detect(boolean noColor) {
        if (noColor || System.getenv("NO_COLOR") != null || System.console() == null) {
            return PLAIN;
        }
        String term = System.getenv("TERM");
        return term != null && term.equals("dumb") ? PLAIN : COLOR;
    }

    public boolean enabled() {
        return color;
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String boldRed(String s) {
        return wrap("1;31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String boldYellow(String s) {
        return wrap("1;33", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }
}
