package io.chronoflow.worker.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.chronoflow.worker.BpmnError;
import io.chronoflow.worker.Shard;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.WorkerOptions;
import io.chronoflow.worker.registry.WorkerRecord;
import io.chronoflow.worker.registry.WorkerRegistration;
import io.chronoflow.worker.shard.ShardLease;
import io.chronoflow.worker.shard.ShardLocks;
import io.chronoflow.worker.shard.StaleFencingTokenException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moving parts of a worker: one fetch thread that reserves free handler slots before it polls (so the worker never
 * locks a task it cannot start), a bounded handler pool, a timer thread that extends task locks at half-time, watches
 * shard leases and sends registry heartbeats, and the reporting of outcomes with retries across engine nodes.
 */
public final class WorkerRuntime {

    private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
    private static final String VERSION = Optional.ofNullable(
                    WorkerRuntime.class.getPackage().getImplementationVersion())
            .orElse("dev");

    private final WorkerOptions options;
    private final Map<String, TaskHandler> handlers;
    private final Map<String, List<String>> subscriptions;
    private final EngineClient engine;
    private final Completions completions;
    private final Optional<ShardLocks> shardLocks;
    private final Optional<WorkerRegistration> registration;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers;
    private final Map<String, Execution> inFlight = new ConcurrentHashMap<>();
    private final FailsafeExecutor<Object> reporting;
    private final Instant startedAt;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final MeterRegistry meters;
    private volatile boolean fetching;
    private volatile boolean unreachable;
    private Thread fetchThread;

    /**
     * @param variables per topic, the variables its handler reads (a topic not in it: all); the shard variables are
     *     always fetched.
     */
    public WorkerRuntime(
            WorkerOptions options,
            Map<String, TaskHandler> handlers,
            Map<String, Set<String>> variables,
            EngineClient engine,
            Optional<ShardLocks> shardLocks,
            Optional<WorkerRegistration> registration,
            MeterRegistry meters,
            Clock clock) {
        this.options = options;
        this.handlers = Map.copyOf(handlers);
        this.subscriptions = subscriptions(handlers.keySet(), variables);
        this.engine = engine;
        this.shardLocks = shardLocks;
        this.registration = registration;
        this.meters = meters;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.slots = new Semaphore(options.capacity());
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.capacity(), r -> {
            Thread t = new Thread(r, "cf-handler-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cf-timers");
            t.setDaemon(true);
            return t;
        });
        this.reporting = Failsafe.with(RetryPolicy.builder()
                .handleIf(e -> e instanceof EngineUnreachableException
                        || e instanceof EngineRejectedException r && r.isServerError())
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withMaxRetries(5)
                .build());
        this.completions = new Completions(engine, options.workerId(), reporting, this::completeNow);
        Gauge.builder("chronoflow.worker.tasks.in.flight", inFlight, Map::size)
                .description("Tasks this worker is running now")
                .register(meters);
    }

    private static Map<String, List<String>> subscriptions(Set<String> topics, Map<String, Set<String>> variables) {
        Map<String, List<String>> subscriptions = new TreeMap<>();
        for (String topic : topics) {
            Set<String> declared = variables.get(topic);
            if (declared == null) {
                subscriptions.put(topic, null);
            } else {
                Set<String> names = new TreeSet<>(declared);
                names.addAll(Shard.VARIABLES);
                subscriptions.put(topic, List.copyOf(names));
            }
        }
        return Collections.unmodifiableMap(subscriptions);
    }

    public synchronized void start() {
        if (fetching) {
            return;
        }
        fetching = true;
        registration.ifPresent(r -> {
            r.heartbeat(this::snapshot);
            long every = options.heartbeatInterval().toMillis();
            timers.scheduleWithFixedDelay(() -> r.heartbeat(this::snapshot), every, every, TimeUnit.MILLISECONDS);
        });
        long tick = Math.max(200, Math.min(1000, options.lockDuration().toMillis() / 10));
        timers.scheduleWithFixedDelay(this::tend, tick, tick, TimeUnit.MILLISECONDS);
        fetchThread = new Thread(this::fetchLoop, "cf-fetch-" + options.workerId());
        fetchThread.start();
        log.info(
                "worker {} started: topics {}, capacity {}, engine {}",
                options.workerId(),
                handlers.keySet(),
                options.capacity(),
                options.engineUrls());
    }

    /**
     * Stops fetching, lets running handlers finish within the grace period, then cancels the rest and unlocks their
     * tasks so another worker takes them at once; finally removes the registry entry.
     */
    public void stop() {
        synchronized (this) {
            if (!fetching) {
                return;
            }
            fetching = false;
        }
        if (fetchThread != null) {
            // Let the waiting fetch return empty rather than abandon it: a task locked to an abandoned request would
            // wait for its lock to expire.
            engine.cancelFetch(options.workerId());
            try {
                fetchThread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fetchThread.interrupt();
        }
        pool.shutdown();
        boolean finished;
        try {
            finished = pool.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            List<Execution> left = new ArrayList<>(inFlight.values());
            log.warn(
                    "CF-WORKER-005 {} tasks still running after the {} shutdown grace period; cancelling and unlocking them",
                    left.size(),
                    options.shutdownGrace());
            for (Execution execution : left) {
                execution.cancel();
                unlockQuietly(execution.task());
            }
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        completions.close(options.shutdownGrace().plusSeconds(5));
        timers.shutdownNow();
        registration.ifPresent(r -> r.deregister(options.workerId()));
        log.info("worker {} stopped: {} done, {} failed", options.workerId(), done.get(), failed.get());
    }

    public int inFlight() {
        return inFlight.size();
    }

    public long done() {
        return done.get();
    }

    public long failed() {
        return failed.get();
    }

    private void fetchLoop() {
        Duration backoff = options.unreachableBackoffMin();
        while (fetching) {
            int reserved;
            try {
                completions.awaitBelow(options.capacity());
                slots.acquire();
                reserved = 1 + slots.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
            List<Task> tasks;
            try {
                tasks = engine.fetchAndLock(
                        options.workerId(), reserved, options.longPoll(), subscriptions, options.lockDuration());
                if (unreachable) {
                    log.info("engine reachable again");
                    unreachable = false;
                }
                backoff = options.unreachableBackoffMin();
            } catch (RuntimeException e) {
                slots.release(reserved);
                if (!fetching) {
                    break;
                }
                if (!unreachable) {
                    log.warn("CF-WORKER-001 cannot fetch tasks, backing off: {}", e.getMessage());
                    unreachable = true;
                }
                if (!sleep(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(options.unreachableBackoffMax()) > 0) {
                    backoff = options.unreachableBackoffMax();
                }
                continue;
            }
            slots.release(reserved - tasks.size());
            for (Task task : tasks) {
                Counter.builder("chronoflow.worker.tasks.fetched")
                        .description("Tasks fetched and locked by this worker, by topic")
                        .tag("topic", task.topic())
                        .register(meters)
                        .increment();
                Execution execution = new Execution(task, clock);
                inFlight.put(task.id(), execution);
                try {
                    pool.execute(() -> run(execution));
                } catch (RuntimeException rejected) {
                    // Shutting down: give the task back at once.
                    inFlight.remove(task.id());
                    slots.release();
                    unlockQuietly(task);
                }
            }
        }
    }

    private void run(Execution execution) {
        Task task = execution.task();
        execution.runningOn(Thread.currentThread());
        Timer.Sample sample = Timer.start(meters);
        String outcome = "completed";
        try {
            if (isSharded(task)) {
                Optional<ShardLease> lease = takeShard(task);
                if (lease.isEmpty()) {
                    outcome = "shard-busy";
                    return;
                }
                execution.lease(lease.get());
            }
            TaskHandler handler = handlers.get(task.topic());
            handler.handle(task, execution);
            if (execution.cancelled()) {
                outcome = "cancelled";
                return;
            }
            Completions.Completion completion =
                    new Completions.Completion(task.id(), execution.output(), done::incrementAndGet);
            if (engine.batchesCompletions()) {
                completions.submit(completion); // reported in the next batch; this slot is free for the next task
            } else {
                completeNow(completion);
            }
        } catch (BpmnError e) {
            outcome = "bpmn-error";
            failed.incrementAndGet();
            Map<String, Object> variables = execution.output();
            variables.putAll(e.variables());
            report(
                    () -> engine.bpmnError(task.id(), options.workerId(), e.errorCode(), e.getMessage(), variables),
                    task.id(),
                    "bpmnError");
        } catch (StaleFencingTokenException e) {
            outcome = "cancelled";
            log.warn("CF-WORKER-004 {}; stopping task {} without reporting it", e.getMessage(), task.id());
        } catch (Exception e) {
            if (execution.cancelled()) {
                outcome = "cancelled";
                return;
            }
            outcome = "failed";
            failed.incrementAndGet();
            reportFailure(task, e);
        } finally {
            // A cancelled handler leaves its interrupt behind: clear it first, so the lock release below (a Redis call)
            // is not interrupted and the pool thread does not carry it to the next task.
            Thread.interrupted();
            execution.lease().ifPresent(ShardLease::release);
            inFlight.remove(task.id());
            sample.stop(Timer.builder("chronoflow.worker.task.duration")
                    .description("Handler run time by topic and outcome")
                    .tags("topic", task.topic(), "outcome", outcome)
                    .register(meters));
            slots.release();
        }
    }

    private void completeNow(Completions.Completion completion) {
        boolean[] completed = {false};
        report(
                () -> {
                    engine.complete(completion.taskId(), options.workerId(), completion.variables());
                    completed[0] = true;
                },
                completion.taskId(),
                "complete");
        if (completed[0]) {
            completion.onCompleted().run();
        }
    }

    private static boolean isSharded(Task task) {
        return task.variables().get("shardIndex") instanceof Number;
    }

    private Optional<ShardLease> takeShard(Task task) {
        int index = ((Number) task.variables().get("shardIndex")).intValue();
        Object total = task.variables().get("shardTotal");
        Object param = task.variables().get("shardParam");
        if (shardLocks.isEmpty()) {
            reportFailure(
                    task,
                    new IllegalStateException(
                            "task is sharded but this worker has no Redis for shard locks (set redisUrl)"));
            failed.incrementAndGet();
            return Optional.empty();
        }
        Optional<ShardLease> lease;
        try {
            lease = shardLocks
                    .get()
                    .acquire(
                            task.processDefinitionKey(),
                            index,
                            total instanceof Number n ? n.intValue() : 0,
                            param == null ? null : param.toString());
        } catch (RedisException redisUnreachable) {
            // No lock, no run: hand the task back without spending a retry; Redis being away is not the task's fault.
            Duration pause = options.lockDuration().compareTo(REDIS_PAUSE) > 0 ? REDIS_PAUSE : options.lockDuration();
            log.warn(
                    "CF-WORKER-007 shard {} of {}: shard locks unreachable (Redis), task {} handed back for {}: {}",
                    index,
                    task.processDefinitionKey(),
                    task.id(),
                    pause,
                    redisUnreachable.getMessage());
            handBack(task, "shard locks unreachable (Redis)", pause);
            return Optional.empty();
        }
        if (lease.isEmpty()) {
            // Someone else holds this shard: a live worker running it, or a dead one whose lease has not run out yet.
            // Hand the task back until that lease ends, without spending a retry.
            Duration pause = holdBack(shardLocks.get(), task.processDefinitionKey(), index);
            log.info(
                    "shard {} of {} is held by another worker; task {} handed back for {}",
                    index,
                    task.processDefinitionKey(),
                    task.id(),
                    pause);
            handBack(task, "shard " + index + " is locked by another holder", pause);
        }
        return lease;
    }

    /** Returns the task to the engine for {@code pause} as a failure that keeps its retries. */
    private void handBack(Task task, String reason, Duration pause) {
        int keep = task.retries() == null ? options.retries() : task.retries();
        report(() -> engine.failure(task.id(), options.workerId(), reason, null, keep, pause), task.id(), "failure");
    }

    private Duration holdBack(ShardLocks locks, String jobKey, int index) {
        try {
            Duration lease = locks.remainingLease(jobKey, index).plusMillis(100);
            return lease.compareTo(options.lockDuration()) > 0 ? options.lockDuration() : lease;
        } catch (RuntimeException redisUnreachable) {
            return options.lockDuration();
        }
    }

    /** How long a task waits when its shard lock cannot be taken because Redis is unreachable. */
    private static final Duration REDIS_PAUSE = Duration.ofSeconds(5);

    /** Task property: the BPMN error code to report instead of a failure that leaves no retries. */
    static final String ERROR_ON_EXHAUSTED = "chronoflow.error-on-exhausted";

    private void reportFailure(Task task, Exception e) {
        RetryDecision decision = RetryDecision.after(task, options.retries(), options.retryBackoff());
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        if (decision.modelProblem() != null) {
            message = decision.modelProblem() + "; " + message;
        }
        String errorCode = task.properties().get(ERROR_ON_EXHAUSTED);
        if (decision.retriesLeft() == 0 && errorCode != null && !errorCode.isBlank()) {
            // The model turns a technical failure that used up its retries into a business error it handles (e.g. by
            // compensating), instead of an incident.
            log.info(
                    "task {} ({} in {}) failed with no retries left; reporting BPMN error {} ({}): {}",
                    task.id(),
                    task.activityId(),
                    task.processDefinitionKey(),
                    errorCode.strip(),
                    ERROR_ON_EXHAUSTED,
                    message);
            String reported = message;
            report(
                    () -> engine.bpmnError(task.id(), options.workerId(), errorCode.strip(), reported, Map.of()),
                    task.id(),
                    "bpmnError");
            return;
        }
        if (decision.retriesLeft() == 0) {
            log.warn(
                    "CF-WORKER-002 task {} ({} in {}) failed with no retries left, the engine opens an incident: {}",
                    task.id(),
                    task.activityId(),
                    task.processDefinitionKey(),
                    message);
        } else {
            log.info(
                    "task {} failed, {} retries left, next attempt in {}: {}",
                    task.id(),
                    decision.retriesLeft(),
                    decision.pause(),
                    message);
        }
        String reported = message;
        report(
                () -> engine.failure(
                        task.id(),
                        options.workerId(),
                        reported,
                        stackTrace(e),
                        decision.retriesLeft(),
                        decision.pause()),
                task.id(),
                "failure");
    }

    private void report(Runnable call, String taskId, String what) {
        try {
            reporting.run(call::run);
        } catch (EngineRejectedException e) {
            log.warn(
                    "CF-WORKER-003 engine refused {} of task {} (its lock may have expired and the task gone to another worker): {}",
                    what,
                    taskId,
                    e.getMessage());
        } catch (RuntimeException e) {
            log.warn(
                    "CF-WORKER-003 could not {} task {}; its lock expires and it runs again: {}",
                    what,
                    taskId,
                    e.toString());
        }
    }

    /** Timer tick: extend locks past half-time, cancel tasks whose shard lease is gone. */
    private void tend() {
        Instant now = clock.instant();
        Duration half = options.lockDuration().dividedBy(2);
        for (Execution execution : inFlight.values()) {
            try {
                Optional<ShardLease> lease = execution.lease();
                if (lease.isPresent() && !lease.get().isHeld()) {
                    log.warn(
                            "CF-WORKER-004 lost the lock of shard {} of {}; cancelling task {}",
                            lease.get().shard().index(),
                            lease.get().shard().jobKey(),
                            execution.task().id());
                    execution.cancel();
                    continue;
                }
                if (Duration.between(execution.lockExtendedAt(), now).compareTo(half) >= 0) {
                    engine.extendLock(execution.task().id(), options.workerId(), options.lockDuration());
                    execution.lockExtendedAt(now);
                }
            } catch (EngineRejectedException e) {
                if (!e.isServerError()) {
                    log.warn(
                            "CF-WORKER-003 engine refused to extend the lock of task {}; cancelling it: {}",
                            execution.task().id(),
                            e.getMessage());
                    execution.cancel();
                }
            } catch (RuntimeException e) {
                log.debug(
                        "lock extension of {} failed, retrying next tick",
                        execution.task().id(),
                        e);
            }
        }
    }

    private void unlockQuietly(Task task) {
        try {
            engine.unlock(task.id());
        } catch (RuntimeException e) {
            log.debug("could not unlock {}; its lock expires by itself", task.id(), e);
        }
    }

    private WorkerRecord snapshot() {
        return new WorkerRecord(
                options.workerId(),
                Host.NAME,
                ProcessHandle.current().pid(),
                List.copyOf(new java.util.TreeSet<>(handlers.keySet())),
                options.weight(),
                options.capacity(),
                List.copyOf(new java.util.TreeSet<>(options.tags())),
                VERSION,
                startedAt,
                clock.instant(),
                inFlight.size(),
                done.get(),
                failed.get());
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String s = out.toString();
        return s.length() <= 4000 ? s : s.substring(0, 4000);
    }
}
