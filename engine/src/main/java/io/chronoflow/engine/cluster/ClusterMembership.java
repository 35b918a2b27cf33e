package io.chronoflow.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoflow.engine.config.ChronoflowProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The engine nodes of the cluster: each node writes its entry (id, address, started, last seen, the lock owner of its
 * job executor) to the Redis hash {@code <prefix>:cluster:nodes} every 2 s and removes it when it stops. A node not
 * seen for {@link #GONE_AFTER} is listed no more; it has {@linkplain #departed() departed}, and the leader's
 * housekeeping cleans up after it and {@linkplain #forget forgets} it.
 */
@Component
public class ClusterMembership {

    static final Duration GONE_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    /**
     * An engine node as listed by {@code GET /api/v1/cluster}; {@code jobLockOwner} is the {@code LOCK_OWNER_} its job
     * executor writes on the jobs it acquires (null where job execution is off).
     */
    public record EngineNode(
            String id, String address, Instant started, Instant lastSeen, boolean leader, String jobLockOwner) {}

    private final RMap<String, String> nodes;
    private final EngineNodeId self;
    private final LeaderLease lease;
    private final ObjectMapper json;
    private final Environment environment;
    private final Clock clock;
    private final Instant started;
    private final String jobLockOwner;
    private volatile String address;
    /** Since when this node's heartbeats have been written without a failure; null right after one failed. */
    private volatile Instant healthySince;

    public ClusterMembership(
            RedissonClient redisson,
            ChronoflowProperties properties,
            EngineNodeId self,
            LeaderLease lease,
            ObjectMapper json,
            Environment environment,
            ObjectProvider<JobExecutor> jobExecutor,
            Clock clock) {
        this.nodes = redisson.getMap(properties.redis().keyPrefix() + ":cluster:nodes", StringCodec.INSTANCE);
        this.self = self;
        this.lease = lease;
        this.json = json;
        this.environment = environment;
        this.clock = clock;
        this.started = clock.instant();
        JobExecutor executor = jobExecutor.getIfAvailable();
        this.jobLockOwner = executor == null ? null : executor.getLockOwner();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void joined() {
        address = "http://" + io.chronoflow.worker.internal.Host.NAME + ":"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        heartbeat();
    }

    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    public void heartbeat() {
        if (address == null) {
            return;
        }
        try {
            Instant now = clock.instant();
            nodes.fastPut(
                    self.value(),
                    write(new EngineNode(self.value(), address, started, now, lease.isLeader(), jobLockOwner)));
            if (healthySince == null) {
                healthySince = now;
            }
        } catch (RuntimeException e) {
            healthySince = null;
            log.debug("cluster heartbeat not written: {}", e.toString());
        }
    }

    /** The nodes seen within {@link #GONE_AFTER}, oldest first, the leader marked. */
    public List<EngineNode> nodes() {
        Instant now = clock.instant();
        List<EngineNode> live = new ArrayList<>();
        for (EngineNode node : all()) {
            if (!gone(node, now)) {
                live.add(node);
            }
        }
        live.sort(Comparator.comparing(EngineNode::started));
        return live;
    }

    /**
     * The other nodes that stopped heart-beating without leaving: not seen for {@link #GONE_AFTER}. Judged only while
     * this node's own heartbeats have been getting through for that long, so that a Redis outage, which stops every
     * node's heartbeats alike, makes no node look departed when it ends.
     */
    public List<EngineNode> departed() {
        Instant now = clock.instant();
        Instant healthy = healthySince;
        if (healthy == null || Duration.between(healthy, now).compareTo(GONE_AFTER) < 0) {
            return List.of();
        }
        return all().stream()
                .filter(node -> !node.id().equals(self.value()) && gone(node, now))
                .toList();
    }

    /** Removes a departed node's entry. */
    public void forget(String nodeId) {
        nodes.fastRemove(nodeId);
    }

    private List<EngineNode> all() {
        List<EngineNode> all = new ArrayList<>();
        for (String value : nodes.readAllValues()) {
            EngineNode node = read(value);
            if (node != null) {
                all.add(node);
            }
        }
        return all;
    }

    private static boolean gone(EngineNode node, Instant now) {
        return Duration.between(node.lastSeen(), now).compareTo(GONE_AFTER) > 0;
    }

    /** Removes this node's entry (a clean shutdown). */
    public void left() {
        try {
            nodes.fastRemove(self.value());
        } catch (RuntimeException e) {
            log.debug("cluster entry not removed: {}", e.toString());
        }
    }

    private String write(EngineNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private EngineNode read(String value) {
        try {
            return json.readValue(value, EngineNode.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @jakarta.annotation.PreDestroy
    void destroy() {
        left();
    }
}
