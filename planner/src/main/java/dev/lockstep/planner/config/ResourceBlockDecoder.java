package dev.lockstep.planner.config;

import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.ast.TupleConsExpr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes one {@code resource} or {@code data} block: the meta-arguments ({@code count},
 * {@code for_each}, {@code depends_on}, {@code provider}, {@code lifecycle}) are taken out and
 * checked, the rest of the body is left for the provider's schema.
 */
final class ResourceBlockDecoder {

    private final Diagnostics diags;

    ResourceBlockDecoder(Diagnostics diags) {
        this.diags = diags;
    }

    /** Decodes a resource or data block whose labels have been checked. */
    ResourceConfig decode(Block b, ResourceMode mode) {
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
                    if (lifecycleBlock != null) {
                        diags.error("Duplicate lifecycle block", "This " + (mode == ResourceMode.DATA ? "data source"
                                : "resource") + " already has a lifecycle block at "
                                + BodyReader.where(lifecycleBlock.typeRange()) + "; put every lifecycle setting in "
                                + "that one block.", nb.typeRange());
                        continue;
                    }
                    lifecycleBlock = nb;
                    lifecycle = mode == ResourceMode.DATA ? dataLifecycle(nb) : lifecycle(nb);
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
        return r;
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

    /** The references of a {@code depends_on} argument (of a resource or an output). */
    List<Traversal> dependsOn(Attribute a) {
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

    /** A data source's lifecycle: only precondition and postcondition blocks, as in Terraform. */
    private Lifecycle dataLifecycle(Block b) {
        BodyReader.Content c = BodyReader.read(b.body(), Set.of(), Set.of("precondition", "postcondition"), Set.of(),
                b.typeRange(), diags);
        return new Lifecycle(false, false, List.of(), false, List.of(),
                BodyReader.conditions(c.blocks(), "precondition", diags),
                BodyReader.conditions(c.blocks(), "postcondition", diags));
    }

    private Lifecycle lifecycle(Block b) {
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("create_before_destroy", "prevent_destroy",
                "ignore_changes", "replace_triggered_by"), Set.of("precondition", "postcondition"), Set.of(),
                b.typeRange(), diags);
        List<Condition> pre = BodyReader.conditions(c.blocks(), "precondition", diags);
        List<Condition> post = BodyReader.conditions(c.blocks(), "postcondition", diags);
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
        return new Lifecycle(cbd, pd, ignore, ignoreAll, rtb, pre, post);
    }
}
