package io.chronoflow.bench;

/**
 * An action run at most once however many threads ask for it (the end of the run and the shutdown hook of an
 * interrupted one both write the results); a caller that comes while it runs waits until it has finished, so the JVM
 * does not halt in the middle of it.
 */
final class Once implements Runnable {

    private final Runnable action;
    private volatile boolean done;

    Once(Runnable action) {
        this.action = action;
    }

    /** Whether the action has not run yet (nor is running); does not wait for a running one. */
    boolean pending() {
        return !done;
    }

    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        action.run();
    }
}
