package dev.lockstep.planner.policy.eval;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Conditions;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.plan.PolicyResult;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicyDefinitions;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates a configuration's policies on a set of subjects (the planned values of a plan, or the
 * live objects of a drift run) and applies its waivers: every failure, waived failure and
 * undecided custom condition becomes a {@link PolicyResult}. An expired waiver no longer waives;
 * the finding names it, and a warning says it expired.
 */
public final class PolicyEvaluator {

    private static final Comparator<PolicyResult> ORDER = Comparator.comparing(PolicyResult::policy)
            .thenComparing(PolicyResult::address).thenComparing(PolicyResult::message);

    private PolicyEvaluator() {
    }

    /**
     * The findings, in policy and address order. {@code ctx} is the scope custom conditions are
     * evaluated in (with {@code self} added); {@code today} decides which waivers have expired.
     * Errors in a custom policy's expressions go to {@code diags}.
     */
    public static List<PolicyResult> evaluate(PolicyDefinitions defs, List<PolicySubject> subjects, EvalContext ctx,
            LocalDate today, Diagnostics diags) {
        List<PolicyResult> found = new ArrayList<>();
        for (PolicyDefinitions.Builtin b : defs.builtins()) {
            if (b.enforcement() == Enforcement.DISABLED) {
                continue;
            }
            for (Violation v : b.rule().check(subjects, b.settings())) {
                found.add(new PolicyResult(b.rule().id(), b.rule().title(), b.enforcement() == Enforcement.MANDATORY,
                        PolicyResult.Status.FAILED, v.subject().address(), v.message(), v.subject().range(), null));
            }
        }
        for (PolicyDefinitions.Custom c : defs.customs()) {
            if (c.enforcement() != Enforcement.DISABLED) {
                for (PolicySubject s : subjects) {
                    if (selects(c, s)) {
                        PolicyResult r = custom(c, s, ctx, diags);
                        if (r != null) {
                            found.add(r);
                        }
                    }
                }
            }
        }
        Set<String> expiredUsed = new HashSet<>();
        List<PolicyResult> out = new ArrayList<>();
        for (PolicyResult r : found) {
            out.add(r.status() == PolicyResult.Status.FAILED ? waive(r, defs.waivers(), today, expiredUsed) : r);
        }
        for (PolicyDefinitions.Waiver w : defs.waivers()) {
            if (today.isAfter(w.expires())) {
                diags.warning("Waiver expired", "The waiver \"" + w.name() + "\" (owner " + w.owner() + ") for the "
                        + "policy \"" + w.policy() + "\" expired on " + w.expires() + " and no longer waives anything"
                        + (expiredUsed.contains(w.name()) ? ": the objects it covered are reported as failures again"
                        : "") + ". Fix the objects, or renew the waiver with a later date.", w.range());
            }
        }
        out.sort(ORDER);
        return out;
    }

    private static PolicyResult waive(PolicyResult r, List<PolicyDefinitions.Waiver> waivers, LocalDate today,
            Set<String> expiredUsed) {
        PolicyDefinitions.Waiver expired = null;
        for (PolicyDefinitions.Waiver w : waivers) {
            if (!w.policy().equals(r.policy()) || w.resources().stream().noneMatch(p -> matches(p, r.address()))) {
                continue;
            }
            if (!today.isAfter(w.expires())) {
                return new PolicyResult(r.policy(), r.title(), r.mandatory(), PolicyResult.Status.WAIVED, r.address(),
                        r.message(), r.range(), view(w, false));
            }
            expired = w;
        }
        if (expired == null) {
            return r;
        }
        expiredUsed.add(expired.name());
        return new PolicyResult(r.policy(), r.title(), r.mandatory(), r.status(), r.address(), r.message(), r.range(),
                view(expired, true));
    }

    private static PolicyResult.Waiver view(PolicyDefinitions.Waiver w, boolean expired) {
        return new PolicyResult.Waiver(w.name(), w.owner(), w.reason(), w.expires(), expired);
    }

    /**
     * Whether an address pattern covers an address: {@code *} matches any run of characters, and a
     * pattern without an instance key covers every instance of the resource.
     */
    public static boolean matches(String pattern, String address) {
        Pattern p = glob(pattern);
        if (p.matcher(address).matches()) {
            return true;
        }
        String bare = address.replaceFirst("\\[[^\\[\\]]*\\]$", "");
        return !pattern.endsWith("]") && !bare.equals(address) && p.matcher(bare).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }

    private static boolean selects(PolicyDefinitions.Custom c, PolicySubject s) {
        if (!c.types().isEmpty() && !c.types().contains(s.type())) {
            return false;
        }
        if (!c.addresses().isEmpty() && c.addresses().stream().noneMatch(p -> matches(p, s.address()))) {
            return false;
        }
        if (!c.labels().isEmpty()) {
            Map<String, String> labels = SubjectLabels.of(s);
            for (Map.Entry<String, String> e : c.labels().entrySet()) {
                String have = labels.get(e.getKey());
                if (have == null || !e.getValue().equals("*") && !e.getValue().equals(have)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static PolicyResult custom(PolicyDefinitions.Custom c, PolicySubject s, EvalContext ctx,
            Diagnostics diags) {
        EvalContext scoped = Conditions.withSelf(ctx, s.value());
        Diagnostics d = new Diagnostics();
        Value result = Evaluator.evaluate(c.condition(), scoped, d);
        if (!d.hasErrors() && result.isKnown()) {
            try {
                result = Conversion.convert(result, Type.BOOL);
            } catch (ConversionException e) {
                d.error("Invalid policy condition", "A policy condition is true or false: " + e.getMessage() + ".",
                        c.condition().range());
            }
            if (!d.hasErrors() && result.isNull()) {
                d.error("Invalid policy condition", "A policy condition is true or false, not null.",
                        c.condition().range());
            }
        }
        if (d.hasErrors()) {
            for (Diagnostic x : d) {
                diags.add(x.isError() ? new Diagnostic(x.severity(), x.summary(), x.detail() + "\n(evaluating policy \""
                        + c.id() + "\" for " + s.address() + ")", x.subject()) : x);
            }
            return null;
        }
        boolean mandatory = c.enforcement() == Enforcement.MANDATORY;
        if (!result.isKnown()) {
            return new PolicyResult(c.id(), c.title(), mandatory, PolicyResult.Status.UNKNOWN, s.address(),
                    "The condition depends on values known only after apply.", s.range(), null);
        }
        if (result.asBool()) {
            return null;
        }
        return new PolicyResult(c.id(), c.title(), mandatory, PolicyResult.Status.FAILED, s.address(),
                message(c, scoped, diags), s.range(), null);
    }

    private static String message(PolicyDefinitions.Custom c, EvalContext ctx, Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(c.errorMessage(), ctx, d);
        if (!d.hasErrors()) {
            try {
                v = Conversion.convert(v, Type.STRING);
            } catch (ConversionException e) {
                d.error("Invalid error message", "The policy's error_message must be a string: " + e.getMessage() + ".",
                        c.errorMessage().range());
            }
        }
        if (d.hasErrors()) {
            diags.addAll(d);
            return "(the error message could not be evaluated)";
        }
        if (!v.isWhollyKnown() || v.isNull()) {
            return "(the error message depends on values known only after apply)";
        }
        if (v.containsSensitive()) {
            return "(the error message is withheld: it refers to sensitive values)";
        }
        return v.asString().strip();
    }
}
