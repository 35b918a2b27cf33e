package io.chronoflow.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A single node lists itself in the cluster and, alone, holds the leader lease. */
class ClusterIT extends EngineIntegrationTest {

    @Autowired
    LeaderLease lease;

    @Test
    void aLoneNodeListsItselfAndHoldsTheLease() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> lease.isLeader()
                        && EngineHttp.json(asRole("viewer").get("/api/v1/cluster"))
                                .hasNonNull("leader"));
        JsonNode cluster = EngineHttp.json(asRole("viewer").get("/api/v1/cluster"));
        assertThat(cluster.get("nodes")).hasSize(1);
        JsonNode self = cluster.get("nodes").get(0);
        assertThat(self.get("id").asText()).isEqualTo(cluster.get("answeredBy").asText());
        assertThat(cluster.get("leader").asText()).isEqualTo(self.get("id").asText());
        assertThat(self.get("address").asText()).startsWith("http://").endsWith(":" + port);
        assertThat(self.hasNonNull("started")).isTrue();
        assertThat(self.hasNonNull("lastSeen")).isTrue();
    }
}
