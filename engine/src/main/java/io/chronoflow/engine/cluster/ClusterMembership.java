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
import java.util.Map;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The engine nodes of the cluster: each node writes its entry (id, address, started, last seen) to the Redis hash
 * {@code <prefix>:cluster:nodes} every 2 s and removes it when it stops; a node not seen for {@link #GONE_AFTER} is
 * listed no more, and the leader removes its entry.
 */
@Component
public class ClusterMembership {

    static final Duration GONE_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    /** An engine node as listed by {@code GET /api/v1/cluster}. */
    public record EngineNode(String id, String address, Instant started, Instant lastSeen, boolean leader) {}

    private final RMap<String, String> nodes;
    private final EngineNodeId self;
    private final LeaderLease lease;
    private final ObjectMapper json;
    private final Environment environment;
    private final Clock clock;
    private final Instant started;
    private volatile String address;

    public ClusterMembership(
            RedissonClient redisson,
            ChronoflowProperties properties,
            EngineNodeId self,
            LeaderLease lease,
            ObjectMapper json,
            Environment environment,
            Clock clock) {
        this.nodes = redisson.getMap(properties.redis().keyPrefix() + ":cluster:nodes", StringCodec.INSTANCE);
        this.self = self;
        this.lease = lease;
        this.json = json;
        this.environment = environment;
        this.clock = clock;
        this.started = clock.instant();
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
            nodes.fastPut(
                    self.value(),
                    write(new EngineNode(self.value(), address, started, clock.instant(), lease.isLeader())));
        } catch (RuntimeException e) {
            log.debug("cluster heartbeat not written: {}", e.toString());
        }
    }

    /** The nodes seen within {@link #GONE_AFTER}, the leader marked; the leader also forgets the others. */
    public List<EngineNode> nodes() {
        Instant now = clock.instant();
        List<EngineNode> live = new ArrayList<>();
        for (Map.Entry<String, String> entry : nodes.readAllMap().entrySet()) {
            EngineNode node = read(entry.getValue());
            if (node != null && Duration.between(node.lastSeen(), now).compareTo(GONE_AFTER) <= 0) {
                live.add(node);
            } else if (lease.isLeader()
                    && node != null
                    && Duration.between(node.lastSeen(), now).compareTo(GONE_AFTER.multipliedBy(6)) > 0) {
                nodes.fastRemove(entry.getKey());
            }
        }
        live.sort(Comparator.comparing(EngineNode::started));
        return live;
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
