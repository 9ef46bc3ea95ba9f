package dev.lockstep.planner.plan;

/** What a plan is for: reconcile to the configuration, destroy everything, or only refresh state. */
public enum PlanMode {
    NORMAL,
    DESTROY,
    REFRESH_ONLY
}
