package dev.lockstep.sandbox.databricks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Notebook source conventions: languages, file extensions and the "Databricks notebook source" header. */
final class Notebooks {
    static final List<String> LANGUAGES = List.of("PYTHON", "SCALA", "SQL", "R");

    /** Result of AUTO detection: the object path and, for notebooks, the language. */
    record Detected(String path, String language) {}

    private Notebooks() {}

    static String extension(String language) {
        return switch (language) {
            case "SCALA" -> "scala";
            case "SQL" -> "sql";
            case "R" -> "r";
            default -> "py";
        };
    }

    static String header(String language) {
        return switch (language) {
            case "SCALA" -> "// Databricks notebook source";
            case "SQL" -> "-- Databricks notebook source";
            default -> "# Databricks notebook source";
        };
    }

    /** AUTO: a file whose extension names a language and whose first line is the header is a notebook. */
    static Detected detect(String path, byte[] content) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String lang : LANGUAGES) {
            String ext = "." + extension(lang);
            String text = new String(content, StandardCharsets.UTF_8);
            if (lower.endsWith(ext) && text.startsWith(header(lang))) {
                return new Detected(path.substring(0, path.length() - ext.length()), lang);
            }
        }
        return new Detected(path, null);
    }

    /** Notebooks are stored without the header line; export adds it back. */
    static byte[] stripHeader(byte[] content, String language) {
        String text = new String(content, StandardCharsets.UTF_8);
        String h = header(language);
        if (text.startsWith(h)) {
            text = text.substring(h.length());
            if (text.startsWith("\n")) {
                text = text.substring(1);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withHeader(byte[] content, String language) {
        return (header(language) + "\n" + new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
