package io.chronoflow.bench;

import io.chronoflow.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Worker-app processes ({@code workers/app/target/chronoflow-worker.jar}) talking to the engine nodes of one cluster as
 * its admin user, under its Redis key prefix. All are started at once and then awaited, so that their boots overlap;
 * {@link #keep(int)} stops the last ones, so that one fleet serves scenarios with fewer workers one after the other.
 */
final class WorkerFleet implements AutoCloseable {

    /** Process-wide variable of the worker app: the comma-separated topics it completes at once, doing nothing. */
    static final String NOOP_TOPICS = "CHRONOFLOW_NOOP_TOPICS";

    private final List<Worker> workers;

    /**
     * One worker process.
     *
     * @param id its worker id, also the name of its folder in the work directory.
     * @param node the engine node (0-based) it talks to, and only to.
     * @param capacity its handler threads.
     * @param env variables beyond those every worker gets (topics, the example database, metrics).
     */
    record Spec(String id, int node, int capacity, Map<String, String> env) {

        /**
         * A worker that completes the tasks of {@code topic} at once and polls nothing else it can be kept from: the
         * HTTP task is off, so that only its example topics ({@code demo.report}, {@code demo.shard-sync}) are polled
         * beside it (the dispatcher queries every topic polled for).
         */
        static Spec noop(String id, int node, int capacity, String topic) {
            return new Spec(id, node, capacity, Map.of(NOOP_TOPICS, topic, "CHRONOFLOW_HTTP_ENABLED", "false"));
        }

        Spec with(Map<String, String> more) {
            Map<String, String> all = new HashMap<>(env);
            all.putAll(more);
            return new Spec(id, node, capacity, Map.copyOf(all));
        }
    }

    /** A running worker process and what it was started as. */
    record Worker(Spec spec, ServiceProcess process) {}

    private WorkerFleet(List<Worker> workers) {
        this.workers = new ArrayList<>(workers);
    }

    static WorkerFleet start(EngineCluster cluster, List<Spec> specs, Options options, Progress progress) {
        List<Worker> workers = new ArrayList<>();
        try {
            for (Spec spec : specs) {
                Path dir = Files.createDirectories(options.workDir()
                        .resolve(cluster.system())
                        .resolve(spec.id())
                        .toAbsolutePath());
                progress.say(
                        "%s: starting worker %s, %d threads, on engine node %d (log: %s)",
                        cluster.system(), spec.id(), spec.capacity(), spec.node() + 1, dir);
                ServiceProcess process = ServiceProcess.start(
                        "worker", options.workerJar(), dir, env(cluster, spec, options), List.of());
                workers.add(new Worker(spec, process));
            }
            for (Worker worker : workers) {
                worker.process().awaitHealthy(Duration.ofMinutes(2));
            }
        } catch (IOException e) {
            workers.forEach(w -> w.process().close());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            workers.forEach(w -> w.process().close());
            throw e;
        }
        return new WorkerFleet(workers);
    }

    private static Map<String, String> env(EngineCluster cluster, Spec spec, Options options) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("CHRONOFLOW_ENGINE_URL", cluster.engineRestUrl(spec.node()));
        env.put("CHRONOFLOW_WORKER_TOKEN", cluster.workerToken());
        env.put("CHRONOFLOW_REDIS_URL", options.redisUrl());
        env.put("CHRONOFLOW_WORKER_KEY_PREFIX", cluster.redisKeyPrefix());
        env.put("CHRONOFLOW_WORKER_ID", spec.id());
        env.put("CHRONOFLOW_WORKER_CAPACITY", Integer.toString(spec.capacity()));
        env.putAll(spec.env());
        return env;
    }

    synchronized int size() {
        return workers.size();
    }

    synchronized List<Worker> workers() {
        return List.copyOf(workers);
    }

    synchronized List<ProcessHandle> processes() {
        return workers.stream()
                .map(w -> ProcessHandle.of(w.process().pid()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Stops every worker but the first {@code count} (gracefully, all at once) and waits until they are gone. */
    void keep(int count) {
        List<Worker> leaving;
        synchronized (this) {
            leaving = new ArrayList<>(workers.subList(Math.min(count, workers.size()), workers.size()));
            workers.removeAll(leaving);
        }
        stop(leaving);
    }

    @Override
    public void close() {
        keep(0);
    }

    private static void stop(List<Worker> leaving) {
        List<Thread> stopping = new ArrayList<>();
        for (Worker w : leaving) {
            Thread t = new Thread(w.process()::close, "stop-" + w.spec().id());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
