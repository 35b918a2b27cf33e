package io.chronoflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls (mostly to {@code /engine-rest}) on a fixed number of threads of their own, then waited for together. */
final class CallPool implements AutoCloseable {

    private final ExecutorService threads;
    private final List<Future<?>> calls = new ArrayList<>();

    CallPool(int threads) {
        this.threads = Executors.newFixedThreadPool(threads);
    }

    void submit(Callable<?> call) {
        calls.add(threads.submit(call));
    }

    /** Waits for every call submitted; the first that failed fails this, as {@code what} failed. */
    void awaitAll(String what) {
        try {
            for (Future<?> call : calls) {
                call.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
