package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Renders diagnostics for people (summary, location, the source line with a caret under the
 * problem, then the detail) or as JSON objects for machines.
 */
public final class DiagnosticPrinter {

    private final Map<String, String> sources;
    private final Style style;
    private boolean stackTraces;

    /** @param sources file name to text, for showing the offending line */
    public DiagnosticPrinter(Map<String, String> sources, Style style) {
        this.sources = sources;
        this.style = style;
    }

    /** Also print the stack trace of each diagnostic's cause ({@code --stacktrace}). */
    public DiagnosticPrinter withStackTraces(boolean on) {
        this.stackTraces = on;
        return this;
    }

    public void print(Diagnostics diags, PrintWriter out) {
        for (Diagnostic d : diags.sorted()) {
            print(d, out);
        }
        out.flush();
    }

    public void print(Diagnostic d, PrintWriter out) {
        String word = d.severity().word();
        out.println((d.isError() ? style.boldRed(word) : style.boldYellow(word)) + ": " + style.bold(d.summary()));
        SourceRange r = d.subject();
        if (r != null && r.start().offset() >= 0 && !r.file().isEmpty()) {
            out.println("  on " + r.file() + " line " + r.start().line() + ", column " + r.start().column() + ":");
            String line = sourceLine(r.file(), r.start());
            if (line != null) {
                String num = Integer.toString(r.start().line());
                out.println("  " + " ".repeat(Math.max(0, 4 - num.length())) + num + ": " + line);
                int caretCol = r.start().column();
                int width = 1;
                if (r.end().line() == r.start().line() && r.end().column() > r.start().column()) {
                    width = r.end().column() - r.start().column();
                }
                StringBuilder pad = new StringBuilder();
                int cp = 0;
                for (int i = 0; i < line.length() && cp < caretCol - 1; i++) {
                    char c = line.charAt(i);
                    if (Character.isLowSurrogate(c)) {
                        continue;
                    }
                    pad.append(c == '\t' ? '\t' : ' ');
                    cp++;
                }
                out.println("        " + pad + style.boldRed("^".repeat(Math.max(1, Math.min(width, 200)))));
            }
        }
        if (!d.detail().isEmpty()) {
            for (String l : d.detail().split("\n", -1)) {
                out.println(l.isEmpty() ? "" : "  " + l);
            }
        }
        if (stackTraces && d.cause() != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            d.cause().printStackTrace(new PrintWriter(trace));
            out.print(dev.lockstep.api.log.SecretScrubber.scrub(trace.toString()));
        }
        out.println();
    }

    private String sourceLine(String file, SourcePos pos) {
        String src = sources.get(file);
        if (src == null) {
            return null;
        }
        int start = Math.min(pos.offset(), src.length());
        while (start > 0 && src.charAt(start - 1) != '\n') {
            start--;
        }
        int end = src.indexOf('\n', start);
        if (end < 0) {
            end = src.length();
        }
        String line = src.substring(start, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    /** {@code validate --format json}: Terraform's {@code validate -json} shape. */
    public static String validationJson(boolean valid, Diagnostics diags) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("format_version", "1.0");
        o.put("valid", valid);
        o.put("error_count", diags.errorCount());
        o.put("warning_count", diags.size() - diags.errorCount());
        o.set("diagnostics", toJson(diags, m));
        return o.toPrettyString();
    }

    /** The diagnostics as a JSON array of {severity, summary, detail, range}. */
    public static ArrayNode toJson(Diagnostics diags, ObjectMapper mapper) {
        ArrayNode arr = mapper.createArrayNode();
        for (Diagnostic d : diags.sorted()) {
            ObjectNode o = arr.addObject();
            o.put("severity", d.severity().word());
            o.put("summary", d.summary());
            o.put("detail", d.detail());
            if (d.subject() != null) {
                ObjectNode range = o.putObject("range");
                range.put("filename", d.subject().file());
                range.set("start", pos(d.subject().start(), mapper));
                range.set("end", pos(d.subject().end(), mapper));
            }
        }
        return arr;
    }

    private static ObjectNode pos(SourcePos p, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("line", p.line());
        o.put("column", p.column());
        o.put("offset", p.offset());
        return o;
    }
}
