package dev.lockstep.api.provider;

/** Creates objects of one type. */
public interface ResourceCreator {

    /** Creates the object the plan describes; {@code planned} may still hold unknowns for computed attributes. */
    ApplyResponse create(ApplyRequest request);
}
