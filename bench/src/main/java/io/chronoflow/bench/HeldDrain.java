package io.chronoflow.bench;

/**
 * A drain whose jobs are {@link HeldInstances} on a Camunda-based engine (Chronoflow's or vanilla Camunda's): it is
 * released by activating them and counts what is left in the engine's database.
 */
abstract class HeldDrain implements DrainTarget {

    /** The jobs, once created. */
    protected HeldInstances held;

    /**
     * Whether the jobs were created already (a quick run prepares them early); if so, that exactly {@code jobs} are
     * held.
     */
    protected boolean alreadyHeld(int jobs) {
        if (held == null) {
            return false;
        }
        long count = held.remaining();
        if (count != jobs) {
            throw new IllegalStateException(label() + ": " + jobs + " jobs asked for, " + count + " held");
        }
        return true;
    }

    @Override
    public void release() {
        held.release();
    }

    @Override
    public long remaining() {
        return held.remaining();
    }

    /** Closes the harness's connection to the engine's database, if open; safe to call again. */
    protected void closeHeld() {
        if (held != null) {
            held.close();
        }
    }
}
