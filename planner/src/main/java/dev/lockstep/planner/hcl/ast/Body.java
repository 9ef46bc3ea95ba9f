package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** The content of a file or a block: attributes and nested blocks in source order. */
public record Body(List<BodyItem> items, SourceRange range) implements Node {

    public Body {
        items = List.copyOf(items);
    }

    /** Either an {@link Attribute} or a {@link Block}. */
    public sealed interface BodyItem extends Node permits Attribute, Block {
    }

    public List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>();
        for (BodyItem i : items) {
            if (i instanceof Attribute a) {
                out.add(a);
            }
        }
        return out;
    }

    public List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        for (BodyItem i : items) {
            if (i instanceof Block b) {
                out.add(b);
            }
        }
        return out;
    }

    /** The first attribute with this name, or null. */
    public Attribute attribute(String name) {
        for (BodyItem i : items) {
            if (i instanceof Attribute a && a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public List<Block> blocks(String type) {
        List<Block> out = new ArrayList<>();
        for (BodyItem i : items) {
            if (i instanceof Block b && b.type().equals(type)) {
                out.add(b);
            }
        }
        return out;
    }
}
