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
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Suggestions;
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
            "output", "data", "resource", "check", "policy", "waiver");
    private static final Set<String> RESERVED_VARIABLE_NAMES = Set.of("count", "for_each", "source", "version",
            "providers", "locals", "depends_on", "lifecycle");

    private final Diagnostics diags;
    private final EvalContext constants;
    private final ResourceBlockDecoder resourceBlocks;

    /**
     * @param constants the context that {@code optional()} defaults in type constraints are
     *     evaluated in: functions, no variables
     */
    public ConfigLoader(Diagnostics diags, EvalContext constants) {
        this.diags = diags;
        this.constants = constants;
        this.resourceBlocks = new ResourceBlockDecoder(diags);
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
        return decode(bytes, displayName, diags);
    }

    /**
     * Decodes a file's bytes (or standard input's) as UTF-8, reporting a diagnostic (and
     * returning null) at the line and column of the first bad byte if they are not UTF-8.
     */
    public static String decode(byte[] bytes, String displayName, Diagnostics diags) {
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

    /**
     * Loads only the {@code lockstep} settings of the configuration in {@code dir}, for commands
     * that work on the state without planning ({@code state}, {@code lock}, {@code output},
     * {@code show}). Problems in the settings go to this loader's diagnostics; a file that cannot be
     * read or parsed goes to {@code fileProblems} (the settings may then not be the user's, and a
     * command must not touch the state with them); problems elsewhere in the configuration are not
     * looked for. Fills {@code sources} with the files read.
     */
    public Settings loadSettings(Path dir, Map<String, String> sources, Diagnostics fileProblems) {
        return loadSettings(dir, sources, fileProblems, null);
    }

    /** As {@link #loadSettings(Path, Map, Diagnostics)}, with the encryption block (its variables from {@code environment}). */
    public Settings loadSettings(Path dir, Map<String, String> sources, Diagnostics fileProblems,
            Map<String, String> environment) {
        List<Block> blocks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            fileProblems.error("Configuration directory not found", "The directory " + dir + " does not exist or is "
                    + "not a directory. Give the configuration directory with -C DIR.", null);
            return Settings.defaults(dir);
        }
        List<Path> files;
        try {
            files = configFiles(dir);
        } catch (IOException e) {
            fileProblems.error("Failed to read configuration directory", dir + ": " + e.getMessage(), null);
            return Settings.defaults(dir);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String src = readSource(f, name, fileProblems);
            if (src == null) {
                continue;
            }
            sources.put(name, src);
            for (Body.BodyItem item : Hcl.parseFile(src, name, fileProblems).items()) {
                if (item instanceof Block b && b.type().equals("lockstep") && BodyReader.labels(b, 0, "", diags)) {
                    blocks.add(b);
                }
            }
        }
        return SettingsDecoder.decode(dir, blocks, diags, environment);
    }

    /**
     * The settings in the {@code lockstep} block of one file (such as the previous backend and
     * encryption given to {@code state migrate --from}), relative to the configuration directory
     * {@code dir}; the encryption block's variables come from {@code environment}.
     */
    public Settings loadSettingsFile(Path dir, Path file, Map<String, String> sources, Map<String, String> environment) {
        String name = file.getFileName().toString();
        String src = readSource(file, file.toString(), diags);
        if (src == null) {
            return Settings.defaults(dir);
        }
        sources.put(file.toString(), src);
        List<Block> blocks = new ArrayList<>();
        for (Body.BodyItem item : Hcl.parseFile(src, file.toString(), diags).items()) {
            if (item instanceof Block b && b.type().equals("lockstep")) {
                if (BodyReader.labels(b, 0, "", diags)) {
                    blocks.add(b);
                }
            } else {
                diags.error("Unexpected content in " + name, "This file names where the state is now: it holds "
                        + "only a lockstep { backend ... } block (and its encryption block, if any); nothing else in "
                        + "it would be used.", item instanceof Block b ? b.typeRange() : ((Attribute) item).nameRange());
            }
        }
        if (blocks.isEmpty() && !diags.hasErrors()) {
            diags.error("No backend in " + name, "The file " + file + " has no lockstep { backend \"...\" { } } block "
                    + "naming where the state is now.", SourceRange.synthetic(file.toString()));
        }
        return SettingsDecoder.decode(dir, blocks, diags, environment);
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
        Settings settings = SettingsDecoder.decode(dir == null ? Path.of("") : dir, d.settings, diags);
        return new Config(dir, sources, settings, d.providers, d.variables, d.locals, d.outputs, d.resources,
                d.checks, d.policies, d.waivers);
    }

    /** Accumulates declarations while decoding. */
    private static final class Decoded {
        final List<Block> settings = new ArrayList<>();
        final List<ProviderBlock> providers = new ArrayList<>();
        final Map<String, Variable> variables = new LinkedHashMap<>();
        final Map<String, Local> locals = new LinkedHashMap<>();
        final Map<String, Output> outputs = new LinkedHashMap<>();
        final Map<ResourceAddress, ResourceConfig> resources = new LinkedHashMap<>();
        final Map<String, Check> checks = new LinkedHashMap<>();
        final Map<String, PolicyBlock> policies = new LinkedHashMap<>();
        final Map<String, PolicyBlock> waivers = new LinkedHashMap<>();
    }

    private void decodeBlock(Block b, Decoded d) {
        switch (b.type()) {
            case "lockstep":
                if (BodyReader.labels(b, 0, "", diags)) {
                    d.settings.add(b);
                }
                break;
            case "terraform":
                // Accepted so that ported configurations load; lockstep has no use for its content.
                BodyReader.labels(b, 0, "", diags);
                diags.warning("Terraform settings ignored", "lockstep ignores the \"terraform\" block (required "
                        + "providers, backend and version constraints); configure lockstep in a \"lockstep\" block.",
                        b.typeRange());
                break;
            case "provider":
                if (BodyReader.labels(b, 1, "name", diags)) {
                    decodeProvider(b, d);
                }
                break;
            case "variable":
                if (BodyReader.labels(b, 1, "name", diags)) {
                    decodeVariable(b, d);
                }
                break;
            case "locals":
                if (BodyReader.labels(b, 0, "", diags)) {
                    decodeLocals(b, d);
                }
                break;
            case "output":
                if (BodyReader.labels(b, 1, "name", diags)) {
                    decodeOutput(b, d);
                }
                break;
            case "resource":
            case "data":
                if (BodyReader.labels(b, 2, "type, name", diags)) {
                    decodeResource(b, b.type().equals("data") ? ResourceMode.DATA : ResourceMode.MANAGED, d);
                }
                break;
            case "check":
                if (BodyReader.labels(b, 1, "name", diags)) {
                    decodeCheck(b, d);
                }
                break;
            case "policy":
            case "waiver":
                if (BodyReader.labels(b, 1, b.type().equals("policy") ? "id" : "name", diags)) {
                    Map<String, PolicyBlock> into = b.type().equals("policy") ? d.policies : d.waivers;
                    PolicyBlock p = new PolicyBlock(b.label(0), b.body(), b.headerRange(), b.labels().get(0).range());
                    PolicyBlock prev = into.putIfAbsent(p.name(), p);
                    if (prev != null) {
                        diags.error("Duplicate " + b.type() + " block", "A " + b.type() + " block labelled \""
                                + p.name() + "\" was already defined at " + BodyReader.where(prev.range()) + ".",
                                b.headerRange());
                    }
                }
                break;
            case "module":
                diags.error("Unsupported block type", "Module calls are not supported by lockstep yet; keep the "
                        + "resources in this configuration directory (count, for_each and variables cover most "
                        + "reuse).", b.typeRange());
                break;
            default:
                diags.error("Unsupported block type", "Blocks of type \"" + b.type() + "\" are not expected here."
                        + Suggestions.didYouMean(b.type(), TOP_LEVEL), b.typeRange());
        }
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
            BodyReader.labels(v, 0, "", diags);
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
        List<Condition> preconditions = BodyReader.conditions(c.blocks(), "precondition", diags);
        if (c.attr("value") == null) {
            return;
        }
        Output o = new Output(name, c.attr("value").expr(), BodyReader.string(c.attr("description"), diags),
                BodyReader.bool(c.attr("sensitive"), false, diags), resourceBlocks.dependsOn(c.attr("depends_on")),
                preconditions, b.headerRange());
        Output prev = d.outputs.putIfAbsent(name, o);
        if (prev != null) {
            diags.error("Duplicate output definition", "An output named \"" + name + "\" was already defined at "
                    + BodyReader.where(prev.range()) + ". Output names must be unique within a configuration.",
                    b.headerRange());
        }
    }

    private void decodeCheck(Block b, Decoded d) {
        String name = b.label(0);
        BodyReader.Content c = BodyReader.read(b.body(), Set.of(), Set.of("assert", "data"), Set.of(),
                b.headerRange(), diags);
        for (Block nb : c.blocks()) {
            if (nb.type().equals("data")) {
                // Terraform reads a scoped data source here; lockstep refuses rather than skip it.
                diags.error("Unsupported block type", "lockstep does not support data blocks inside a check block "
                        + "yet. Declare the data source at the top level of the configuration and refer to it from "
                        + "the assertion.", nb.typeRange());
            }
        }
        List<Condition> asserts = BodyReader.conditions(c.blocks(), "assert", diags);
        boolean anyAssert = c.blocks().stream().anyMatch(nb -> nb.type().equals("assert"));
        if (!anyAssert) {
            diags.error("Zero assert blocks", "Check blocks must have at least one assert block.", b.headerRange());
        }
        Check check = new Check(name, asserts, b.headerRange());
        Check prev = d.checks.putIfAbsent(name, check);
        if (prev != null) {
            diags.error("Duplicate check block", "A check block named \"" + name + "\" was already defined at "
                    + BodyReader.where(prev.range()) + ". Check blocks must be unique within a configuration.",
                    b.headerRange());
        }
    }

    private void decodeResource(Block b, ResourceMode mode, Decoded d) {
        ResourceConfig r = resourceBlocks.decode(b, mode);
        ResourceConfig prev = d.resources.putIfAbsent(r.address(), r);
        if (prev != null) {
            String kind = mode == ResourceMode.DATA ? "data" : "resource";
            diags.error("Duplicate " + kind + " \"" + r.type() + "\" configuration", "A " + r.type() + " " + kind
                    + " named \"" + r.name() + "\" was already declared at " + BodyReader.where(prev.range()) + ". Resource names must "
                    + "be unique per type in each configuration.", b.headerRange());
        }
    }
}
