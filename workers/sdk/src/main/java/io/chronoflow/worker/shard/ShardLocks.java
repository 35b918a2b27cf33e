package io.chronoflow.worker.shard;

import io.chronoflow.worker.Shard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;

/**
 * Takes the fenced Redisson lock of a shard, {@code <prefix>:<jobKey>:shard:<index>}. The lock has no fixed lease: the
 * Redisson watchdog renews it while the holder's JVM lives and lets it expire after the client's lock-watchdog timeout
 * once the holder is gone, which bounds the takeover time after a crash.
 */
public final class ShardLocks {

    private final RedissonClient redisson;
    private final String keyPrefix;
    private final Duration wait;
    private final Timer lockWait;

    public ShardLocks(RedissonClient redisson, String keyPrefix, Duration wait, MeterRegistry meters) {
        this.redisson = redisson;
        this.keyPrefix = keyPrefix;
        this.wait = wait;
        this.lockWait = Timer.builder("chronoflow.shard.lock.wait")
                .description("Time a worker waited to take a shard lock")
                .publishPercentileHistogram()
                .register(meters);
    }

    public static String key(String keyPrefix, String jobKey, int index) {
        return keyPrefix + ":" + jobKey + ":shard:" + index;
    }

    /**
     * How long the current holder's lease on the shard still runs (it is renewed while that holder lives), or zero when
     * nobody holds it; used to hand a busy shard's task back for just that long.
     */
    public Duration remainingLease(String jobKey, int index) {
        long ttl = redisson.getFencedLock(key(keyPrefix, jobKey, index)).remainTimeToLive();
        return ttl > 0 ? Duration.ofMillis(ttl) : Duration.ZERO;
    }

    /**
     * Takes the lock on the calling thread, waiting up to the configured time.
     *
     * @return the lease, or empty when someone else holds the shard.
     */
    public Optional<ShardLease> acquire(String jobKey, int index, int total, String param) {
        RFencedLock lock = redisson.getFencedLock(key(keyPrefix, jobKey, index));
        long started = System.nanoTime();
        Long token;
        try {
            token = lock.tryLockAndGetToken(wait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lockWait.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        if (token == null) {
            return Optional.empty();
        }
        Shard shard = new Shard(jobKey, index, total, param, token);
        return Optional.of(new ShardLease(shard, lock, Thread.currentThread().getId()));
    }
}
