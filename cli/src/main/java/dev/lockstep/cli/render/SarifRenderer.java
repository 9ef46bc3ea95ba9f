package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.plan.PolicyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Policy findings as a SARIF 2.1.0 log ({@code --format sarif}) for GitHub code scanning and other
 * SARIF viewers: one run of the tool {@code lockstep}, one rule per policy found (its id, title and
 * default level: {@code error} for a mandatory policy, {@code warning} for an advisory one), and one
 * result per finding ({@code note} while undecided until apply), located at its resource block
 * (the configuration file relative to the working directory, as code scanning wants paths
 * relative to the repository root, so run lockstep from there) and named by its address. A waived
 * finding is suppressed externally, its waiver's reason the justification. Every member GitHub
 * marks required is present; a finding with no place in the configuration (an object no
 * configuration manages) has only a logical location, which SARIF allows but code scanning does not
 * display. See {@code docs/plan-json.md}.
 */
public final class SarifRenderer {

    /** The schema URI GitHub's documentation gives for SARIF 2.1.0. */
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** The tool's home page, for {@code tool.driver.informationUri}. */

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The characters besides letters and digits a URI path keeps as they are. */
    private static final String SAFE = "-._~/!$&'()*+,;=@";

    private SarifRenderer() {
    }

    /**
     * The SARIF log of these findings.
     *
     * @param results the findings, in the order their results are listed
     * @param configDir the configuration directory relative to the working directory ({@code .} or
     *     empty for the working directory itself), which prefixes every file name; an absolute
     *     directory makes absolute {@code file:} URIs
     * @param toolVersion lockstep's version
     */
    public static ObjectNode render(List<PolicyResult> results, Path configDir, String toolVersion) {
        ObjectNode log = F.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "lockstep");
        driver.put("version", toolVersion);
        Map<String, PolicyResult> firstOfPolicy = new TreeMap<>();
        for (PolicyResult r : results) {
            firstOfPolicy.putIfAbsent(r.policy(), r);
        }
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (PolicyResult r : firstOfPolicy.values()) {
            ruleIndex.put(r.policy(), rules.size());
            rules.add(rule(r));
        }
        // SourcePos columns count code points
        run.put("columnKind", "unicodeCodePoints");
        ArrayNode out = run.putArray("results");
        for (PolicyResult r : results) {
            out.add(result(r, ruleIndex.get(r.policy()), configDir));
        }
        return log;
    }

    private static ObjectNode rule(PolicyResult r) {
        ObjectNode rule = F.objectNode();
        rule.put("id", r.policy());
        rule.put("name", r.policy());
        rule.putObject("shortDescription").put("text", r.title());
        var builtin = dev.lockstep.planner.policy.rules.BuiltinRules.byId(r.policy());
        rule.putObject("fullDescription").put("text", builtin == null ? r.title() : builtin.rationale());
        rule.putObject("help").put("text", (builtin == null ? r.title() + ". " : "Fix: " + builtin.fix() + " ")
                + (r.mandatory()
                ? "A mandatory lockstep policy: a failure blocks the plan (nothing is applied) unless an unexpired "
                    + "waiver covers the object."
                : "An advisory lockstep policy: a failure is reported and does not block."));
        rule.putObject("defaultConfiguration").put("level", r.mandatory() ? "error" : "warning");
        return rule;
    }

    private static ObjectNode result(PolicyResult r, int ruleIndex, Path configDir) {
        ObjectNode res = F.objectNode();
        res.put("ruleId", r.policy());
        res.put("ruleIndex", ruleIndex);
        res.put("level", level(r));
        String message = r.message();
        if (r.waiver() != null && r.waiver().expired()) {
            message += " (" + PolicyRenderer.waiverText(r) + ")";
        }
        res.putObject("message").put("text", message);
        ObjectNode location = res.putArray("locations").addObject();
        if (r.range() != null && !r.range().file().isEmpty()) {
            ObjectNode physical = location.putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            if (configDir.isAbsolute()) {
                artifact.put("uri", configDir.resolve(r.range().file()).normalize().toUri().toString());
            } else {
                artifact.put("uri", uri(configDir, r.range().file()));
                artifact.put("uriBaseId", "%SRCROOT%");
            }
            ObjectNode region = physical.putObject("region");
            region.put("startLine", r.range().start().line());
            region.put("startColumn", r.range().start().column());
            region.put("endLine", r.range().end().line());
            region.put("endColumn", r.range().end().column());
        }
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("fullyQualifiedName", r.address());
        logical.put("kind", "resource");
        // the same policy on the same object is the same alert, wherever its block moves
        res.putObject("partialFingerprints").put("primaryLocationLineHash", fingerprint(r) + ":1");
        if (r.status() == PolicyResult.Status.WAIVED) {
            ObjectNode s = res.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", r.waiver() == null ? "waived" : r.waiver().reason());
        }
        ObjectNode props = res.putObject("properties");
        props.put("enforcement", r.enforcement());
        props.put("status", r.status().word());
        if (r.waiver() != null) {
            props.put("waiver", r.waiver().name());
            props.put("waiverOwner", r.waiver().owner());
            props.put("waiverExpires", r.waiver().expires().toString());
        }
        return res;
    }

    /** error for a mandatory policy, warning for an advisory one, note while undecided. */
    static String level(PolicyResult r) {
        if (r.status() == PolicyResult.Status.UNKNOWN) {
            return "note";
        }
        return r.mandatory() ? "error" : "warning";
    }

    /**
     * A relative URI reference for {@code file} (a path relative to the configuration directory)
     * under {@code dir}: forward slashes, each segment percent-encoded where a URI needs it.
     */
    static String uri(Path dir, String file) {
        String joined = dir.toString().isEmpty() ? file : dir.resolve(file).normalize().toString();
        String slashed = joined.replace('\\', '/');
        StringBuilder sb = new StringBuilder();
        for (byte b : slashed.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // ':' is encoded too: in a relative reference's first segment it would read as a scheme
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || SAFE.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String fingerprint(PolicyResult r) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((r.policy() + "\u0000" + r.address()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
