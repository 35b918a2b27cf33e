package io.chronoflow.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chronoflow.worker.internal.EngineClient;
import io.chronoflow.worker.internal.Host;
import io.chronoflow.worker.internal.WorkerRuntime;
import io.chronoflow.worker.redis.RedisEndpoint;
import io.chronoflow.worker.registry.RegistryKeys;
import io.chronoflow.worker.registry.WorkerRegistration;
import io.chronoflow.worker.shard.ShardLocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A Chronoflow worker: fetches external tasks of its topics from the engine, runs their handlers on a bounded pool and
 * reports the outcome. In ten lines:
 *
 * <pre>{@code
 * try (ChronoflowWorker worker = ChronoflowWorker.builder()
 *         .engineUrl("http://localhost:8080/engine-rest")
 *         .basicAuth("worker", System.getenv("WORKER_PASSWORD"))
 *         .redisUrl("redis://localhost:6379")
 *         .handler("invoice.send", (task, ctx) -> ctx.setVariable("sent", true))
 *         .build()
 *         .start()) {
 *     Thread.currentThread().join();
 * }
 * }</pre>
 *
 * <p>With a Redis ({@link Builder#redisUrl} or {@link Builder#redisson}) the worker registers itself with heart-beats
 * and runs sharded tasks under fenced shard locks; without one it runs plain tasks only.
 */
public final class ChronoflowWorker implements AutoCloseable {

    private final WorkerOptions options;
    private final WorkerRuntime runtime;
    private final RedissonClient ownedRedisson;

    private ChronoflowWorker(WorkerOptions options, WorkerRuntime runtime, RedissonClient ownedRedisson) {
        this.options = options;
        this.runtime = runtime;
        this.ownedRedisson = ownedRedisson;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts fetching; returns this worker so that it can be used in try-with-resources. */
    public ChronoflowWorker start() {
        runtime.start();
        return this;
    }

    /** Stops gracefully: no new fetches, running handlers get the shutdown grace period, the rest are unlocked. */
    @Override
    public void close() {
        runtime.stop();
        if (ownedRedisson != null) {
            ownedRedisson.shutdown();
        }
    }

    public String workerId() {
        return options.workerId();
    }

    public WorkerOptions options() {
        return options;
    }

    /** Tasks running now. */
    public int inFlight() {
        return runtime.inFlight();
    }

    /** Tasks completed since start. */
    public long done() {
        return runtime.done();
    }

    /** Tasks failed (technical failures and BPMN errors) since start. */
    public long failed() {
        return runtime.failed();
    }

    /** Collects the settings; {@link #build()} checks them all at once. */
    public static final class Builder {

        private static final Duration REDIS_CONNECT_TIMEOUT = Duration.ofSeconds(10);

        private final List<String> engineUrls = new ArrayList<>();
        private final Map<String, TaskHandler> handlers = new LinkedHashMap<>();
        private final Map<String, Set<String>> variables = new LinkedHashMap<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private String authorization;
        private String workerId;
        private int weight = WorkerDefaults.WEIGHT;
        private int capacity = WorkerDefaults.CAPACITY;
        private Duration lockDuration = WorkerDefaults.LOCK_DURATION;
        private Duration longPoll = WorkerDefaults.LONG_POLL;
        private Duration shutdownGrace = WorkerDefaults.SHUTDOWN_GRACE;
        private Duration unreachableBackoffMin = WorkerDefaults.UNREACHABLE_BACKOFF_MIN;
        private Duration unreachableBackoffMax = WorkerDefaults.UNREACHABLE_BACKOFF_MAX;
        private int retries = WorkerDefaults.RETRIES;
        private Duration retryBackoff = WorkerDefaults.RETRY_BACKOFF;
        private Duration heartbeatInterval = WorkerDefaults.HEARTBEAT_INTERVAL;
        private Duration heartbeatTtl = WorkerDefaults.HEARTBEAT_TTL;
        private Duration shardLockWait = WorkerDefaults.SHARD_LOCK_WAIT;
        private Duration shardLockLease = WorkerDefaults.SHARD_LOCK_LEASE;
        private String keyPrefix = WorkerDefaults.KEY_PREFIX;
        private boolean routed = WorkerDefaults.ROUTED;
        private String redisUrl;
        private RedissonClient redisson;
        private MeterRegistry meters;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** One or more {@code /engine-rest} base URLs; each argument may itself be a comma-separated list. */
        public Builder engineUrl(String... urls) {
            for (String url : urls) {
                Arrays.stream(url.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(engineUrls::add);
            }
            return this;
        }

        public Builder basicAuth(String user, String password) {
            String pair = user + ":" + password;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** A worker token, sent as {@code Authorization: Bearer …}. */
        public Builder token(String token) {
            this.authorization = "Bearer " + token;
            return this;
        }

        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder tags(String... tags) {
            this.tags.addAll(List.of(tags));
            return this;
        }

        public Builder lockDuration(Duration lockDuration) {
            this.lockDuration = lockDuration;
            return this;
        }

        public Builder longPoll(Duration longPoll) {
            this.longPoll = longPoll;
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        public Builder unreachableBackoff(Duration min, Duration max) {
            this.unreachableBackoffMin = min;
            this.unreachableBackoffMax = max;
            return this;
        }

        public Builder retries(int retries, Duration firstBackoff) {
            this.retries = retries;
            this.retryBackoff = firstBackoff;
            return this;
        }

        public Builder heartbeat(Duration interval, Duration ttl) {
            this.heartbeatInterval = interval;
            this.heartbeatTtl = ttl;
            return this;
        }

        public Builder shardLock(Duration wait, Duration lease) {
            this.shardLockWait = wait;
            this.shardLockLease = lease;
            return this;
        }

        /**
         * Whether to fetch through the engine's routed dispatch (default) or with plain fetchAndLock, first come first
         * served, as the official Camunda clients do.
         */
        public Builder routed(boolean routed) {
            this.routed = routed;
            return this;
        }

        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * The Redis for the registry and shard locks: {@code redis://[user:password@]host:port}, {@code
         * redis-sentinel://[user:password@]host:port,…/master} or {@code redis-cluster://host:port,…} ({@code rediss…}
         * for TLS; see {@link RedisEndpoint}). The worker creates and closes its own client, whose lock watchdog timeout
         * is the shard lock lease.
         */
        public Builder redisUrl(String redisUrl) {
            this.redisUrl = redisUrl;
            return this;
        }

        /** A Redisson client the application owns (not closed by the worker); its watchdog timeout is the lease. */
        public Builder redisson(RedissonClient redisson) {
            this.redisson = redisson;
            return this;
        }

        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = meters;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Runs {@code handler} for the tasks of {@code topic}; each task arrives with all of its variables. */
        public Builder handler(String topic, TaskHandler handler) {
            if (topic == null || topic.isBlank() || handler == null) {
                throw new IllegalArgumentException("handler: a topic and a handler are required");
            }
            if (handlers.putIfAbsent(topic, handler) != null) {
                throw new IllegalArgumentException("handler: topic '" + topic + "' has a handler already");
            }
            return this;
        }

        /**
         * Runs {@code handler} for the tasks of {@code topic}, fetching only the named variables (and a sharded task's
         * {@code shardIndex}, {@code shardTotal}, {@code shardParam}): a run with large variables the handler does not
         * read costs neither the engine nor the worker their reading and sending. An empty list fetches none.
         */
        public Builder handler(String topic, Collection<String> variables, TaskHandler handler) {
            if (variables == null || variables.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw new IllegalArgumentException("handler: topic '" + topic + "': variable names must not be blank");
            }
            handler(topic, handler);
            this.variables.put(topic, Set.copyOf(variables));
            return this;
        }

        public ChronoflowWorker build() {
            WorkerOptions options = new WorkerOptions(
                            engineUrls.isEmpty() ? List.of(WorkerDefaults.ENGINE_URL) : engineUrls,
                            authorization,
                            workerId == null ? defaultWorkerId() : workerId,
                            weight,
                            capacity,
                            tags,
                            lockDuration,
                            longPoll,
                            shutdownGrace,
                            unreachableBackoffMin,
                            unreachableBackoffMax,
                            retries,
                            retryBackoff,
                            heartbeatInterval,
                            heartbeatTtl,
                            shardLockWait,
                            shardLockLease,
                            keyPrefix,
                            routed)
                    .validate();
            if (handlers.isEmpty()) {
                throw new IllegalArgumentException("invalid worker settings: handler: at least one topic handler");
            }
            if (redisUrl != null && redisson != null) {
                throw new IllegalArgumentException(
                        "invalid worker settings: redisUrl and redisson are alternatives, set one");
            }
            ObjectMapper json = new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            RedissonClient owned = redisUrl == null ? null : createRedisson(redisUrl, shardLockLease);
            Optional<RedissonClient> redis = Optional.ofNullable(owned != null ? owned : redisson);
            MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
            EngineClient engine =
                    new EngineClient(options.engineUrls(), authorization, json, routed, weight, redis.isPresent());
            WorkerRuntime runtime = new WorkerRuntime(
                    options,
                    handlers,
                    variables,
                    engine,
                    redis.map(r -> new ShardLocks(r, keyPrefix, shardLockWait, registry)),
                    redis.map(r -> new WorkerRegistration(r, new RegistryKeys(keyPrefix), heartbeatTtl, json, clock)),
                    registry,
                    clock);
            return new ChronoflowWorker(options, runtime, owned);
        }

        private static RedissonClient createRedisson(String url, Duration lease) {
            Config config = RedisEndpoint.parse(url, "redisUrl").toConfig(8, REDIS_CONNECT_TIMEOUT);
            config.setLockWatchdogTimeout(lease.toMillis());
            return Redisson.create(config);
        }

        private static String defaultWorkerId() {
            return Host.NAME + "-" + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
