package io.chronoflow.worker.internal;

import dev.failsafe.FailsafeExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports completed tasks in batches: handlers hand their completion over and go on to the next task; one sender thread
 * sends everything that has gathered in one request ({@code POST /api/v1/dispatch/complete}, one engine transaction),
 * and while that request is under way the next batch gathers. A lone completion is sent at once, so batching adds no
 * wait. Against an engine without the batch endpoint (plain Camunda) each task is completed on its own.
 *
 * <p>A task the engine refuses (its lock ran out and another worker holds it now, or it is gone) is logged with
 * {@code CF-WORKER-003} and not retried; an unreachable engine is retried like every report, then logged: the task's
 * lock expires and it runs again.
 */
final class Completions {

    private static final Logger log = LoggerFactory.getLogger(Completions.class);
    /** At most this many tasks in one request (the engine takes up to 1,000). */
    static final int MAX_BATCH = 200;

    /** A completed task waiting to be reported; {@code onCompleted} runs once the engine has completed it. */
    record Completion(String taskId, Map<String, Object> variables, Runnable onCompleted) {}

    private final EngineClient engine;
    private final String workerId;
    private final FailsafeExecutor<Object> reporting;
    private final Consumer<Completion> completeOne;
    private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean running = true;

    /**
     * @param completeOne completes one task synchronously (with the caller's retries and logging): used when the engine
     *     has no batch endpoint.
     */
    Completions(
            EngineClient engine,
            String workerId,
            FailsafeExecutor<Object> reporting,
            Consumer<Completion> completeOne) {
        this.engine = engine;
        this.workerId = workerId;
        this.reporting = reporting;
        this.completeOne = completeOne;
        this.sender = new Thread(this::sendLoop, "cf-complete-" + workerId);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    void submit(Completion completion) {
        queue.add(completion);
    }

    /**
     * Waits while {@code limit} or more completions wait to be sent: when the engine completes more slowly than the
     * handlers finish, the worker fetches no more tasks (whose locks would run out in the queue) until it catches up.
     */
    void awaitBelow(int limit) throws InterruptedException {
        synchronized (queue) {
            while (running && queue.size() >= limit) {
                queue.wait(100);
            }
        }
    }

    /** Sends what is still queued (waiting at most {@code wait}), then stops the sender. */
    void close(Duration wait) {
        running = false;
        try {
            sender.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
            log.warn(
                    "CF-WORKER-003 {} completed tasks not reported within {}; their locks expire and they run again",
                    queue.size(),
                    wait);
        }
    }

    private void sendLoop() {
        while (running || !queue.isEmpty()) {
            Completion first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            List<Completion> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            synchronized (queue) {
                queue.notifyAll();
            }
            send(batch);
        }
    }

    private void send(List<Completion> batch) {
        if (!engine.batchesCompletions()) {
            batch.forEach(completeOne);
            return;
        }
        EngineClient.BatchResult result;
        try {
            result = reporting.get(() -> engine.completeBatch(workerId, batch));
        } catch (EngineRejectedException e) {
            if (e.status() == 404 && !engine.batchesCompletions()) {
                batch.forEach(completeOne); // the engine turned out to have no batch endpoint
                return;
            }
            log.warn("CF-WORKER-003 engine refused a batch of {} completions: {}", batch.size(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.warn(
                    "CF-WORKER-003 could not complete {} tasks; their locks expire and they run again: {}",
                    batch.size(),
                    e.toString());
            return;
        }
        for (Completion completion : batch) {
            String refused = result.refused().get(completion.taskId());
            if (refused != null) {
                log.warn(
                        "CF-WORKER-003 engine refused complete of task {} (its lock may have expired and the task gone to"
                                + " another worker): {}",
                        completion.taskId(),
                        refused);
            } else if (result.completed().contains(completion.taskId())) {
                completion.onCompleted().run();
            }
        }
    }
}
