package io.chronoflow.worker;

import java.time.Duration;

/** The default of every worker setting, in one place; the Spring Boot starter's properties reuse these. */
public final class WorkerDefaults {

    public static final String ENGINE_URL = "http://localhost:8080/engine-rest";
    public static final int CAPACITY = 4;
    public static final int WEIGHT = 1;
    public static final Duration LOCK_DURATION = Duration.ofSeconds(30);
    public static final Duration LONG_POLL = Duration.ofSeconds(20);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    public static final Duration UNREACHABLE_BACKOFF_MIN = Duration.ofMillis(500);
    public static final Duration UNREACHABLE_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final int RETRIES = 3;
    public static final Duration RETRY_BACKOFF = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(6);
    public static final Duration SHARD_LOCK_WAIT = Duration.ZERO;
    public static final Duration SHARD_LOCK_LEASE = Duration.ofSeconds(10);
    public static final String KEY_PREFIX = "chronoflow";
    public static final boolean ROUTED = true;

    private WorkerDefaults() {}
}
