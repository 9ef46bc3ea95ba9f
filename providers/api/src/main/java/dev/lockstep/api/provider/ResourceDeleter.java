package dev.lockstep.api.provider;

import dev.lockstep.api.diag.Diagnostics;

/** Deletes objects of one type. Deleting an object that is already gone is a success. */
public interface ResourceDeleter {

    Diagnostics delete(ApplyRequest request);
}
