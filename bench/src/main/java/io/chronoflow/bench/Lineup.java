package io.chronoflow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The systems a run has started (engine processes, in-process schedulers): closed in reverse order at the end of the
 * run, or by a shutdown hook when the harness is interrupted, so that no engine or worker process outlives it.
 */
final class Lineup implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Progress progress;
    private boolean closed;

    Lineup(Progress progress) {
        this.progress = progress;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-shutdown"));
    }

    synchronized <T extends AutoCloseable> T add(T system) {
        if (closed) {
            closeQuietly(system);
            throw new IllegalStateException("the run is over");
        }
        started.add(system);
        return system;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
    }

    private void closeQuietly(AutoCloseable system) {
        try {
            system.close();
        } catch (Exception e) {
            progress.say("stopping %s failed: %s", system, e);
        }
    }
}
