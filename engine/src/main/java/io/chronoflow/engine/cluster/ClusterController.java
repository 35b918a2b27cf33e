package io.chronoflow.engine.cluster;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/cluster}: the engine nodes, and which one holds the leader lease. */
@RestController
@RequestMapping("/api/v1/cluster")
public class ClusterController {

    private final ClusterMembership membership;
    private final EngineNodeId self;

    public ClusterController(ClusterMembership membership, EngineNodeId self) {
        this.membership = membership;
        this.self = self;
    }

    /**
     * @param nodes the live engine nodes, oldest first.
     * @param leader the id of the node holding the leader lease, or null while none does.
     * @param answeredBy the node that answered.
     */
    public record Cluster(List<ClusterMembership.EngineNode> nodes, String leader, String answeredBy) {}

    @GetMapping
    public Cluster cluster() {
        List<ClusterMembership.EngineNode> nodes = membership.nodes();
        String leader = nodes.stream()
                .filter(ClusterMembership.EngineNode::leader)
                .map(ClusterMembership.EngineNode::id)
                .findFirst()
                .orElse(null);
        return new Cluster(nodes, leader, self.value());
    }
}
