package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.config.OptionValue;

/** What a timer fire does while an earlier run of the same job is still active ({@code chronoflow.overlap}). */
public enum Overlap {
    /** Start another run (the engine's own behaviour). */
    ALLOW("allow"),
    /** Start nothing; the fire is counted as skipped. */
    SKIP("skip"),
    /** Cancel the active runs, then start the new one. */
    CANCEL_PREVIOUS("cancel-previous");

    public static final String PROPERTY = "chronoflow.overlap";

    private final String id;

    Overlap(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The policy named by a {@code chronoflow.overlap} value; unknown names are refused naming the valid ones. */
    public static Overlap of(String value) {
        return OptionValue.of(Overlap.class, Overlap::id, PROPERTY, value, ALLOW);
    }
}
