package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.config.OptionValue;

/** What a timer fire does while an earlier run of the same job is still active ({@code chronoflow.overlap}). */
public enum Overlap {
    /** Start another run (the engine's own behaviour). */
    ALLOW("allow"),
    /** Start nothing; the fire is counted as skipped. */
    SKIP("skip"),
    /** Keep the fire until the active runs end, then start it (at most {@code chronoflow.overlap.queue-max} wait). */
    QUEUE("queue"),
    /** Cancel the active runs, then start the new one. */
    CANCEL_PREVIOUS("cancel-previous");

    public static final String PROPERTY = "chronoflow.overlap";
    /** How many fires may wait behind an active run under {@link #QUEUE}; 1 by default. */
    public static final String QUEUE_MAX = "chronoflow.overlap.queue-max";

    private static final int QUEUE_MAX_LIMIT = 1000;

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

    /** The {@code chronoflow.overlap.queue-max} value: a whole number from 1 to 1000, 1 when unset. */
    public static int queueMax(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int max = Integer.parseInt(value.strip());
            if (max >= 1 && max <= QUEUE_MAX_LIMIT) {
                return max;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(
                QUEUE_MAX + " must be a whole number from 1 to " + QUEUE_MAX_LIMIT + ", was '" + value + "'");
    }
}
