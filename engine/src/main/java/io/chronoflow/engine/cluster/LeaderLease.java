package io.chronoflow.engine.cluster;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The leader lease for singleton housekeeping: a Redisson lock {@code <prefix>:cluster:leader} held by one engine node
 * and kept alive by Redisson's watchdog ({@code chronoflow.redis.lease-expiry}, 10 s by default). When the holder dies
 * the lock expires and another node, which tries every second, takes it. The holder checks every second that it still
 * holds the lease (Redis may have lost it) and steps down at once when it does not.
 */
@Component
public class LeaderLease implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    private final RLock lock;
    private final String nodeId;
    private volatile boolean leader;
    private ScheduledExecutorService thread;

    public LeaderLease(RedissonClient redisson, ChronoflowProperties properties, EngineNodeId nodeId) {
        this.lock = redisson.getLock(properties.redis().keyPrefix() + ":cluster:leader");
        this.nodeId = nodeId.value();
    }

    /** True while this node holds the lease. */
    public boolean isLeader() {
        return leader;
    }

    /** One round, always on the lease's own thread (a Redisson lock belongs to the thread that took it). */
    private void round() {
        try {
            if (leader) {
                if (!lock.isHeldByCurrentThread()) {
                    leader = false;
                    log.warn("CF-CLUSTER-001 node {} lost the leader lease", nodeId);
                }
                return;
            }
            if (lock.tryLock()) {
                leader = true;
                log.info("node {} holds the leader lease", nodeId);
            }
        } catch (RuntimeException e) {
            if (leader) {
                leader = false;
                log.warn(
                        "CF-CLUSTER-001 node {} cannot confirm its leader lease, stepping down: {}",
                        nodeId,
                        e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cf-leader-lease");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::round, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        try {
            // Hand the lease over at once rather than after its expiry: unlock on the thread that holds it.
            thread.submit(() -> {
                        if (leader && lock.isHeldByCurrentThread()) {
                            lock.unlock();
                        }
                        leader = false;
                    })
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("leader lease not released cleanly: {}", e.toString());
        }
        thread.shutdownNow();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
