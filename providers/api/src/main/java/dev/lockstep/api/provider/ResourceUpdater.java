package dev.lockstep.api.provider;

/** Updates objects of one type in place. */
public interface ResourceUpdater {

    ApplyResponse update(ApplyRequest request);
}
