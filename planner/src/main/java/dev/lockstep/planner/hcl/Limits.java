package dev.lockstep.planner.hcl;

/**
 * How many values one construct of a configuration may generate, named once here so that the
 * function library, the engine, their messages and the documentation agree. Without such bounds a
 * typo such as {@code count = 100000000} runs until the heap is exhausted.
 */
public final class Limits {

    /**
     * Most elements {@code range()} generates: Terraform's own limit, whose error message
     * ("more than 1024 values were generated") lockstep repeats.
     */
    public static final int RANGE_VALUES = 1024;

    /**
     * Most instances one {@code resource} or {@code data} block may expand to through
     * {@code count} or {@code for_each}. Terraform has no such limit; lockstep's is the scale its
     * benchmark covers (10,000 resources, see docs/benchmarks.md), far beyond what one block of a
     * real configuration needs.
     */
    public static final int INSTANCES = 10_000;

    private Limits() {
    }
}
