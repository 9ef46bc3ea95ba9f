package dev.lockstep.planner.config;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.ast.TupleConsExpr;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Suggestions;
import dev.lockstep.planner.hcl.lexer.Lexer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a configuration directory: every {@code *.hcl} file except variable files
 * ({@code *.vars.hcl}), parsed and decoded into one {@link Config}. Syntax errors, unknown block
 * types, bad labels, misused meta-arguments and duplicate declarations are all reported, with
 * locations, in one pass.
 */
public final class ConfigLoader {

    private static final Set<String> TOP_LEVEL = Set.of("lockstep", "terraform", "provider", "variable", "locals",
            "output", "data", "resource");
    private static final Set<String> RESERVED_VARIABLE_NAMES = Set.of("count", "for_each", "source", "version",
            "providers", "locals", "depends_on", "lifecycle");

    private final Diagnostics diags;
    private final EvalContext constants;

    /**
     * @param constants the context that {@code optional()} defaults in type constraints are
     *     evaluated in: functions, no variables
     */
    public ConfigLoader(Diagnostics diags, EvalContext constants) {
        this.diags = diags;
        this.constants = constants;
    }

    /** Lists the configuration files of {@code dir}: {@code *.hcl} but not {@code *.vars.hcl}, sorted. */
    public static List<Path> configFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p))
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".hcl") && !n.endsWith(".vars.hcl");
                    })
                    .sorted()
                    .toList();
        }
    }

    /**
     * Reads a file as UTF-8, reporting a diagnostic (and returning null) if it cannot; invalid
     * UTF-8 is reported at the line and column of its first bad byte.
     */
    public static String readSource(Path file, String displayName, Diagnostics diags) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            diags.error("Failed to read file", "The file " + displayName + " could not be read: " + e.getMessage(),
                    SourceRange.synthetic(displayName));
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            SourcePos at = endOf(out.toString());
            diags.error("Invalid file encoding", "The file " + displayName + " is not valid UTF-8 text: the byte 0x"
                    + String.format("%02X", bytes[in.position()] & 0xff) + " at line " + at.line() + ", column "
                    + at.column() + " does not belong to a UTF-8 character. Configuration files must be UTF-8.",
                    SourceRange.at(displayName, at));
            return null;
        }
        return out.toString();
    }

    /** The position just after {@code text}, in lines and code-point columns (a leading BOM takes none). */
    private static SourcePos endOf(String text) {
        int line = 1;
        int lineStart = text.startsWith("\uFEFF") ? 1 : 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePos(line, text.codePointCount(lineStart, text.length()) + 1, text.length());
    }

    /** Loads the configuration in {@code dir}. Always returns a config (possibly partial); check diags. */
    public Config load(Path dir) {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Body> bodies = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            diags.error("Configuration directory not found", "The directory " + dir + " does not exist or is not a "
                    + "directory. Give the configuration directory with -C DIR.", null);
            return decode(dir, sources, bodies);
        }
        List<Path> files;
        try {
            files = configFiles(dir);
        } catch (IOException e) {
            diags.error("Failed to read configuration directory", dir + ": " + e.getMessage(), null);
            return decode(dir, sources, bodies);
        }
        if (files.isEmpty()) {
            diags.error("No configuration files", "The directory " + dir + " contains no *.hcl configuration files. "
                    + "lockstep reads every *.hcl file of the directory (variable files, *.vars.hcl, excepted).",
                    null);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String src = readSource(f, name, diags);
            if (src == null) {
                continue;
            }
            sources.put(name, src);
            bodies.put(name, Hcl.parseFile(src, name, diags));
        }
        return decode(dir, sources, bodies);
    }

    /** Decodes already-parsed files (also used by tests and by in-memory configurations). */
    public Config decode(Path dir, Map<String, String> sources, Map<String, Body> bodies) {
        Decoded d = new Decoded();
        for (Body body : bodies.values()) {
            for (Body.BodyItem item : body.items()) {
                if (item instanceof Attribute a) {
                    diags.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not expected at the "
                            + "top level of a configuration file; arguments belong inside blocks such as locals { }.",
                            a.nameRange());
                    continue;
                }
                decodeBlock((Block) item, d);
            }
        }
        return new Config(dir, sources, d.settings, d.providers, d.variables, d.locals, d.outputs, d.resources);
    }

    /** Accumulates declarations while decoding. */
    private static final class Decoded {
        final List<Block> settings = new ArrayList<>();
        final List<ProviderBlock> providers = new ArrayList<>();
        final Map<String, Variable> variables = new LinkedHashMap<>();
        final Map<String, Local> locals = new LinkedHashMap<>();
        final Map<String, Output> outputs = new LinkedHashMap<>();
        final Map<ResourceAddress, ResourceConfig> resources = new LinkedHashMap<>();
    }

    private void decodeBlock(Block b, Decoded d) {
        switch (b.type()) {
            case "lockstep":
                if (labels(b, 0, "")) {
                    d.settings.add(b);
                }
                break;
            case "terraform":
                // Accepted so that ported configurations load; lockstep has no use for its content.
                labels(b, 0, "");
                diags.warning("Terraform settings ignored", "lockstep ignores the \"terraform\" block (required "
                        + "providers, backend and version constraints); configure lockstep in a \"lockstep\" block.",
                        b.typeRange());
                break;
            case "provider":
                if (labels(b, 1, "name")) {
                    decodeProvider(b, d);
                }
                break;
            case "variable":
                if (labels(b, 1, "name")) {
                    decodeVariable(b, d);
                }
                break;
            case "locals":
                if (labels(b, 0, "")) {
                    decodeLocals(b, d);
                }
                break;
            case "output":
                if (labels(b, 1, "name")) {
                    decodeOutput(b, d);
                }
                break;
            case "resource":
            case "data":
                if (labels(b, 2, "type, name")) {
                    decodeResource(b, b.type().equals("data") ? ResourceMode.DATA : ResourceMode.MANAGED, d);
                }
                break;
            case "module":
                diags.error("Unsupported block type", "Module calls are not supported by lockstep yet; use overlays "
                        + "of one configuration directory instead.", b.typeRange());
                break;
            default:
                diags.error("Unsupported block type", "Blocks of type \"" + b.type() + "\" are not expected here."
                        + Suggestions.didYouMean(b.type(), TOP_LEVEL), b.typeRange());
        }
    }

    private boolean labels(Block b, int n, String names) {
        if (b.labels().size() < n) {
            diags.error("Missing name for " + b.type(), "All " + b.type() + " blocks must have " + n + " label"
                    + (n == 1 ? "" : "s") + " (" + names + ").", b.headerRange());
            return false;
        }
        if (b.labels().size() > n) {
            Block.Label extra = b.labels().get(n);
            diags.error("Extraneous label for " + b.type(), n == 0 ? "No labels are expected for " + b.type()
                    + " blocks." : "Only " + n + " label" + (n == 1 ? "" : "s") + " (" + names + ") "
                    + (n == 1 ? "is" : "are") + " expected for " + b.type() + " blocks.", extra.range());
            return false;
        }
        for (Block.Label l : b.labels()) {
            if (!Lexer.isIdentifier(l.value())) {
                diags.error("Invalid " + b.type() + " name", "The name \"" + l.value() + "\" is not valid: a name must "
                        + "start with a letter or underscore and may contain only letters, digits, underscores, and "
                        + "dashes.", l.range());
                return false;
            }
        }
        return true;
    }

    private void decodeProvider(Block b, Decoded d) {
        Attribute alias = b.body().attribute("alias");
        String aliasName = null;
        if (alias != null) {
            aliasName = BodyReader.string(alias, diags);
        }
        ProviderBlock p = new ProviderBlock(b.label(0), aliasName, b.body(), b.headerRange());
        for (ProviderBlock other : d.providers) {
            if (other.key().equals(p.key())) {
                diags.error("Duplicate provider configuration", "A " + (aliasName == null ? "default " : "")
                        + "configuration for provider \"" + p.key() + "\" was already given at "
                        + BodyReader.where(other.range()) + ". " + "Use \"alias\" to configure a provider more than "
                        + "once.", b.headerRange());
                return;
            }
        }
        d.providers.add(p);
    }

    private void decodeVariable(Block b, Decoded d) {
        String name = b.label(0);
        if (RESERVED_VARIABLE_NAMES.contains(name)) {
            diags.error("Invalid variable name", "The variable name \"" + name + "\" is reserved.", b.labels().get(0)
                    .range());
            return;
        }
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("type", "default", "description", "sensitive",
                "nullable"), Set.of("validation"), Set.of(), b.headerRange(), diags);
        TypeConstraint type = TypeConstraint.ANY;
        if (c.attr("type") != null) {
            type = new TypeConstraintParser(diags, constants).parse(c.attr("type").expr());
        }
        List<Variable.Validation> validations = new ArrayList<>();
        for (Block v : c.blocks()) {
            labels(v, 0, "");
            BodyReader.Content vc = BodyReader.read(v.body(), Set.of("condition", "error_message"), Set.of(),
                    Set.of("condition", "error_message"), v.typeRange(), diags);
            if (vc.attr("condition") != null && vc.attr("error_message") != null) {
                validations.add(new Variable.Validation(vc.attr("condition").expr(), vc.attr("error_message").expr(),
                        v.range()));
            }
        }
        Expression dflt = c.attr("default") == null ? null : c.attr("default").expr();
        if (dflt != null) {
            for (Traversal t : dev.lockstep.planner.hcl.ast.Expressions.references(dflt)) {
                diags.error("Variables not allowed", "Variables may not be used here: a variable's default must be a "
                        + "constant.", t.range());
                dflt = null;
                break;
            }
        }
        Variable v = new Variable(name, type, c.attr("type") != null, dflt, BodyReader.string(c.attr("description"),
                diags), BodyReader.bool(c.attr("sensitive"), false, diags), BodyReader.bool(c.attr("nullable"), true,
                diags), validations, b.headerRange());
        Variable prev = d.variables.putIfAbsent(name, v);
        if (prev != null) {
            diags.error("Duplicate variable declaration", "A variable named \"" + name + "\" was already declared at "
                    + BodyReader.where(prev.range()) + ". Variable names must be unique within a configuration.",
                    b.headerRange());
        }
    }

    private void decodeLocals(Block b, Decoded d) {
        for (Body.BodyItem item : b.body().items()) {
            if (item instanceof Block nb) {
                diags.error("Unsupported block type", "Blocks are not allowed in a locals block; write each local "
                        + "value as \"name = expression\".", nb.typeRange());
                continue;
            }
            Attribute a = (Attribute) item;
            Local prev = d.locals.get(a.name());
            if (prev != null) {
                diags.error("Duplicate local value definition", "A local value named \"" + a.name() + "\" was already "
                        + "defined at " + BodyReader.where(prev.range()) + ". Local value names must be unique within "
                        + "a configuration.", a.nameRange());
                continue;
            }
            d.locals.put(a.name(), new Local(a.name(), a.expr(), a.nameRange()));
        }
    }

    private void decodeOutput(Block b, Decoded d) {
        String name = b.label(0);
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("value", "description", "sensitive", "depends_on"),
                Set.of("precondition"), Set.of("value"), b.headerRange(), diags);
        checkConditions(c.blocks());
        if (c.attr("value") == null) {
            return;
        }
        Output o = new Output(name, c.attr("value").expr(), BodyReader.string(c.attr("description"), diags),
                BodyReader.bool(c.attr("sensitive"), false, diags), dependsOn(c.attr("depends_on")), b.headerRange());
        Output prev = d.outputs.putIfAbsent(name, o);
        if (prev != null) {
            diags.error("Duplicate output definition", "An output named \"" + name + "\" was already defined at "
                    + BodyReader.where(prev.range()) + ". Output names must be unique within a configuration.",
                    b.headerRange());
        }
    }

    private void decodeResource(Block b, ResourceMode mode, Decoded d) {
        String type = b.label(0);
        String name = b.label(1);
        Expression count = null;
        Expression forEach = null;
        Attribute dependsOnAttr = null;
        String provider = null;
        Lifecycle lifecycle = Lifecycle.DEFAULT;
        Block lifecycleBlock = null;
        List<Body.BodyItem> rest = new ArrayList<>();
        Map<String, SourceRange> seen = new LinkedHashMap<>();
        for (Body.BodyItem item : b.body().items()) {
            if (item instanceof Attribute a) {
                SourceRange prev = seen.putIfAbsent(a.name(), a.nameRange());
                if (prev != null) {
                    diags.error("Duplicate argument", "The argument \"" + a.name() + "\" was already set at "
                            + BodyReader.where(prev) + ". Each argument may be set only once.", a.nameRange());
                    continue;
                }
                switch (a.name()) {
                    case "count":
                        count = a.expr();
                        continue;
                    case "for_each":
                        forEach = a.expr();
                        continue;
                    case "depends_on":
                        dependsOnAttr = a;
                        continue;
                    case "provider":
                        provider = providerRef(a);
                        continue;
                    default:
                        rest.add(a);
                }
            } else {
                Block nb = (Block) item;
                if (nb.type().equals("lifecycle")) {
                    if (!nb.labels().isEmpty()) {
                        diags.error("Extraneous label for lifecycle", "No labels are expected for lifecycle blocks.",
                                nb.labels().get(0).range());
                        continue;
                    }
                    if (mode == ResourceMode.DATA) {
                        diags.error("Unsupported lifecycle block", "Data sources do not have a lifecycle.",
                                nb.typeRange());
                        continue;
                    }
                    if (lifecycleBlock != null) {
                        diags.error("Duplicate lifecycle block", "This resource already has a lifecycle block at "
                                + BodyReader.where(lifecycleBlock.typeRange()) + "; put every lifecycle setting in "
                                + "that one block.", nb.typeRange());
                        continue;
                    }
                    lifecycleBlock = nb;
                    lifecycle = lifecycle(nb);
                } else if (nb.type().equals("provisioner") || nb.type().equals("connection")) {
                    diags.error("Unsupported block type", "lockstep does not run provisioners; \"" + nb.type()
                            + "\" blocks are not supported.", nb.typeRange());
                } else {
                    rest.add(nb);
                }
            }
        }
        if (count != null && forEach != null) {
            diags.error("Invalid combination of \"count\" and \"for_each\"", "The \"count\" and \"for_each\" "
                    + "meta-arguments are mutually-exclusive, only one should be used to be explicit about the number "
                    + "of resources to be created.", forEach.range());
        }
        ResourceConfig r = new ResourceConfig(mode, type, name, count, forEach, dependsOn(dependsOnAttr), provider,
                lifecycle, new Body(rest, b.body().range()), b.headerRange());
        ResourceConfig prev = d.resources.putIfAbsent(r.address(), r);
        if (prev != null) {
            String kind = mode == ResourceMode.DATA ? "data" : "resource";
            diags.error("Duplicate " + kind + " \"" + type + "\" configuration", "A " + type + " " + kind + " named \""
                    + name + "\" was already declared at " + BodyReader.where(prev.range()) + ". Resource names must "
                    + "be unique per type in each configuration.", b.headerRange());
        }
    }

    private String providerRef(Attribute a) {
        if (a.expr() instanceof ScopeTraversalExpr s) {
            Traversal t = s.traversal();
            if (t.steps().isEmpty()) {
                return t.root();
            }
            if (t.steps().size() == 1 && t.steps().get(0) instanceof Traversal.Attr alias) {
                return t.root() + "." + alias.name();
            }
        }
        diags.error("Invalid provider reference", "The \"provider\" argument takes a provider configuration "
                + "reference, such as kubernetes or kubernetes.east, without quotes.", a.expr().range());
        return null;
    }

    private List<Traversal> dependsOn(Attribute a) {
        if (a == null) {
            return List.of();
        }
        if (!(a.expr() instanceof TupleConsExpr t)) {
            diags.error("Invalid expression", "A static list expression is required: depends_on takes a list of "
                    + "references, such as [kubernetes_namespace.team].", a.expr().range());
            return List.of();
        }
        List<Traversal> out = new ArrayList<>();
        for (Expression e : t.elements()) {
            if (e instanceof ScopeTraversalExpr s) {
                out.add(s.traversal());
            } else {
                diags.error("Invalid expression", "A single static variable reference is required: only attribute "
                        + "access and indexing with constant keys are allowed, with no other operators or function "
                        + "calls.", e.range());
            }
        }
        return out;
    }

    /** Checks the shape of precondition and postcondition blocks: a condition and an error message. */
    private void checkConditions(List<Block> blocks) {
        for (Block v : blocks) {
            labels(v, 0, "");
            BodyReader.read(v.body(), Set.of("condition", "error_message"), Set.of(), Set.of("condition",
                    "error_message"), v.typeRange(), diags);
        }
    }

    private Lifecycle lifecycle(Block b) {
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("create_before_destroy", "prevent_destroy",
                "ignore_changes", "replace_triggered_by"), Set.of("precondition", "postcondition"), Set.of(),
                b.typeRange(), diags);
        checkConditions(c.blocks());
        boolean cbd = BodyReader.bool(c.attr("create_before_destroy"), false, diags);
        boolean pd = BodyReader.bool(c.attr("prevent_destroy"), false, diags);
        List<Traversal> ignore = new ArrayList<>();
        boolean ignoreAll = false;
        Attribute ic = c.attr("ignore_changes");
        if (ic != null) {
            if (ic.expr() instanceof ScopeTraversalExpr s && s.traversal().root().equals("all")
                    && s.traversal().steps().isEmpty()) {
                ignoreAll = true;
            } else if (ic.expr() instanceof TupleConsExpr t) {
                for (Expression e : t.elements()) {
                    if (e instanceof ScopeTraversalExpr s) {
                        ignore.add(s.traversal());
                    } else {
                        diags.error("Invalid ignore_changes entry", "Each entry of ignore_changes is an attribute "
                                + "path of this resource, such as metadata[0].labels, written without quotes.",
                                e.range());
                    }
                }
            } else {
                diags.error("Invalid ignore_changes", "ignore_changes takes a list of attribute paths, or the keyword "
                        + "all.", ic.expr().range());
            }
        }
        List<Expression> rtb = new ArrayList<>();
        Attribute r = c.attr("replace_triggered_by");
        if (r != null) {
            if (r.expr() instanceof TupleConsExpr t) {
                rtb.addAll(t.elements());
            } else {
                diags.error("Invalid replace_triggered_by", "replace_triggered_by takes a list of references to "
                        + "resources or their attributes.", r.expr().range());
            }
        }
        return new Lifecycle(cbd, pd, ignore, ignoreAll, rtb);
    }
}
