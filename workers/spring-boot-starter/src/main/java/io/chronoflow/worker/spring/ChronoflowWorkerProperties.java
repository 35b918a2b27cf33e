package io.chronoflow.worker.spring;

import io.chronoflow.worker.WorkerDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The worker's settings under {@code chronoflow.worker.*}; defaults are the SDK's {@link WorkerDefaults}. */
@ConfigurationProperties("chronoflow.worker")
public class ChronoflowWorkerProperties {

    /** Whether to run the worker at all. */
    private boolean enabled = true;

    /** The /engine-rest base URLs of the engine nodes (a comma-separated list works), tried in order. */
    private List<String> engineUrl = new ArrayList<>(List.of(WorkerDefaults.ENGINE_URL));

    /** Engine user for HTTP Basic; leave unset when a token is used. */
    private String user;

    /** Password of the engine user. */
    private String password;

    /** Worker token, sent as a bearer token; wins over user and password. */
    private String token;

    /** This worker's id, unique among live workers; unset means host-pid-random. */
    private String id;

    /** Share of work under weighted routing. */
    private int weight = WorkerDefaults.WEIGHT;

    /** How many tasks run at once; never more are fetched than there are free slots. */
    private int capacity = WorkerDefaults.CAPACITY;

    /** Free-form labels shown in the registry. */
    private List<String> tags = new ArrayList<>();

    /** How long a fetched task stays locked; extended at half-time while its handler runs. */
    private Duration lockDuration = WorkerDefaults.LOCK_DURATION;

    /** How long one fetch waits for work before it returns empty. */
    private Duration longPoll = WorkerDefaults.LONG_POLL;

    /** How long a graceful stop lets running handlers finish before it cancels and unlocks them. */
    private Duration shutdownGrace = WorkerDefaults.SHUTDOWN_GRACE;

    /** Retries of a failing task when the model sets no chronoflow.retries. */
    private int retries = WorkerDefaults.RETRIES;

    /** Pause before the first retry, doubled each time. */
    private Duration retryBackoff = WorkerDefaults.RETRY_BACKOFF;

    /** How often the worker refreshes its registry entry. */
    private Duration heartbeatInterval = WorkerDefaults.HEARTBEAT_INTERVAL;

    /** How long the registry entry outlives the last heartbeat. */
    private Duration heartbeatTtl = WorkerDefaults.HEARTBEAT_TTL;

    /** How long to wait for a shard lock held by someone else before giving the task back. */
    private Duration shardLockWait = WorkerDefaults.SHARD_LOCK_WAIT;

    /** How long a shard lock outlives its holder. */
    private Duration shardLockLease = WorkerDefaults.SHARD_LOCK_LEASE;

    /** Prefix of every Redis key; must match the engine's chronoflow.redis.key-prefix. */
    private String keyPrefix = WorkerDefaults.KEY_PREFIX;

    /** Fetch through the engine's routed dispatch (chronoflow.routing); false means plain fetchAndLock. */
    private boolean routed = WorkerDefaults.ROUTED;

    /** Redis for the registry and shard locks (redis://host:port); unset means no registry and no sharded tasks. */
    private String redisUrl;

    /** The built-in HTTP task. */
    private final Http http = new Http();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getEngineUrl() {
        return engineUrl;
    }

    public void setEngineUrl(List<String> engineUrl) {
        this.engineUrl = engineUrl;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public int getWeight() {
        return weight;
    }

    public void setWeight(int weight) {
        this.weight = weight;
    }

    public int getCapacity() {
        return capacity;
    }

    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Duration getLockDuration() {
        return lockDuration;
    }

    public void setLockDuration(Duration lockDuration) {
        this.lockDuration = lockDuration;
    }

    public Duration getLongPoll() {
        return longPoll;
    }

    public void setLongPoll(Duration longPoll) {
        this.longPoll = longPoll;
    }

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    public int getRetries() {
        return retries;
    }

    public void setRetries(int retries) {
        this.retries = retries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getHeartbeatTtl() {
        return heartbeatTtl;
    }

    public void setHeartbeatTtl(Duration heartbeatTtl) {
        this.heartbeatTtl = heartbeatTtl;
    }

    public Duration getShardLockWait() {
        return shardLockWait;
    }

    public void setShardLockWait(Duration shardLockWait) {
        this.shardLockWait = shardLockWait;
    }

    public Duration getShardLockLease() {
        return shardLockLease;
    }

    public void setShardLockLease(Duration shardLockLease) {
        this.shardLockLease = shardLockLease;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public boolean isRouted() {
        return routed;
    }

    public void setRouted(boolean routed) {
        this.routed = routed;
    }

    public String getRedisUrl() {
        return redisUrl;
    }

    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl;
    }

    public Http getHttp() {
        return http;
    }

    /** The built-in HTTP task (topic chronoflow.http) for serverless functions and webhooks. */
    public static class Http {

        /** Whether this worker serves the topic chronoflow.http; secrets come from CHRONOFLOW_SECRET_* variables. */
        private boolean enabled = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
