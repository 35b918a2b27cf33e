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
 * Worker-app processes ({@code workers/app/target/chronoflow-worker.jar}) that complete the tasks of one topic at once
 * ({@code CHRONOFLOW_NOOP_TOPICS}): worker {@code i} talks to engine node {@code i mod nodes} only, with {@code
 * capacity} handler threads, the engine's admin user and Redis key prefix.
 */
final class WorkerFleet implements AutoCloseable {

    private final List<ServiceProcess> workers;

    private WorkerFleet(List<ServiceProcess> workers) {
        this.workers = workers;
    }

    static WorkerFleet start(
            EngineCluster cluster,
            int nodes,
            String topic,
            int count,
            int capacity,
            Options options,
            Progress progress) {
        List<ServiceProcess> workers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String id = "bench-worker-" + (i + 1);
                Path dir = Files.createDirectories(
                        options.workDir().resolve(cluster.system()).resolve(id).toAbsolutePath());
                Map<String, String> env = new HashMap<>();
                env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                env.put("CHRONOFLOW_ENGINE_URL", cluster.engineRestUrl(i % nodes));
                env.put("CHRONOFLOW_WORKER_USER", "admin");
                env.put("CHRONOFLOW_WORKER_PASSWORD", cluster.adminPassword());
                env.put("CHRONOFLOW_REDIS_URL", options.redisUrl());
                env.put("CHRONOFLOW_WORKER_KEY_PREFIX", cluster.redisKeyPrefix());
                env.put("CHRONOFLOW_WORKER_ID", id);
                env.put("CHRONOFLOW_WORKER_CAPACITY", Integer.toString(capacity));
                env.put("CHRONOFLOW_NOOP_TOPICS", topic);
                // Only the benchmark's topic where the app allows it: the dispatcher queries every topic polled for.
                env.put("CHRONOFLOW_HTTP_ENABLED", "false");
                progress.say("%s: starting worker %s, %d threads (log: %s)", cluster.system(), id, capacity, dir);
                workers.add(ServiceProcess.start("worker", options.workerJar(), dir, env, List.of()));
            }
            for (ServiceProcess worker : workers) {
                worker.awaitHealthy(Duration.ofMinutes(2));
            }
        } catch (IOException e) {
            workers.forEach(ServiceProcess::close);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            workers.forEach(ServiceProcess::close);
            throw e;
        }
        return new WorkerFleet(workers);
    }

    List<ProcessHandle> processes() {
        return workers.stream()
                .map(w -> ProcessHandle.of(w.pid()))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public void close() {
        workers.forEach(ServiceProcess::close);
    }
}
