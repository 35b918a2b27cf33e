package io.chronoflow.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A single node lists itself in the cluster and, alone, holds the leader lease; as leader it hands back the jobs of a
 * node that stopped heart-beating.
 */
class ClusterIT extends EngineIntegrationTest {

    @Autowired
    LeaderLease lease;

    @Autowired
    RedissonClient redisson;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RepositoryService repository;

    @Autowired
    ManagementService management;

    @Test
    void aLoneNodeListsItselfAndHoldsTheLease() {
        awaitLeader();
        JsonNode cluster = EngineHttp.json(asRole("viewer").get("/api/v1/cluster"));
        assertThat(cluster.get("nodes")).hasSize(1);
        JsonNode self = cluster.get("nodes").get(0);
        assertThat(self.get("id").asText()).isEqualTo(cluster.get("answeredBy").asText());
        assertThat(cluster.get("leader").asText()).isEqualTo(self.get("id").asText());
        assertThat(self.get("address").asText()).startsWith("http://").endsWith(":" + port);
        assertThat(self.hasNonNull("started")).isTrue();
        assertThat(self.hasNonNull("lastSeen")).isTrue();
        assertThat(self.get("jobLockOwner").asText()).isNotBlank();
    }

    @Test
    void theJobsOfANodeThatStopsHeartBeatingAreHandedBackAndTheNodeForgotten() throws Exception {
        awaitLeader();
        String key = "cluster-ghost-" + UUID.randomUUID().toString().substring(0, 8);
        repository
                .createDeployment()
                .addString(key + ".bpmn", new String(Models.timerProcess(key, "R/PT1H")))
                .deploy();
        Job timer = management.createJobQuery().processDefinitionKey(key).singleResult();
        // A node that acquired the job (locked for an hour) and whose last heartbeat was 2 s ago.
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = ghost + "-executor";
        jdbc.update(
                "UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = now() + interval '1 hour' WHERE ID_ = ?",
                owner,
                timer.getId());
        var nodes = redisson.<String, String>getMap(KEY_PREFIX + ":cluster:nodes", StringCodec.INSTANCE);
        Instant lastSeen = Instant.now().minusSeconds(2);
        nodes.fastPut(
                ghost,
                json.writeValueAsString(new ClusterMembership.EngineNode(
                        ghost, "http://127.0.0.1:1", lastSeen, lastSeen, false, owner)));

        // Seen 2 s ago: still a member, its job still its own.
        assertThat(EngineHttp.json(asRole("viewer").get("/api/v1/cluster")).get("nodes"))
                .anySatisfy(node -> assertThat(node.get("id").asText()).isEqualTo(ghost));
        assertThat(lockOwner(timer.getId())).isEqualTo(owner);

        // Not seen for 10 s: departed; the leader hands its job back and forgets it.
        await().atMost(Duration.ofSeconds(30)).until(() -> lockOwner(timer.getId()) == null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodes.containsKey(ghost));
        assertThat(EngineHttp.json(asRole("viewer").get("/api/v1/cluster")).get("nodes"))
                .noneSatisfy(node -> assertThat(node.get("id").asText()).isEqualTo(ghost));
        repository.deleteDeployment(
                repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .singleResult()
                        .getDeploymentId(),
                true);
    }

    private String lockOwner(String jobId) {
        return jdbc.queryForObject("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?", String.class, jobId);
    }

    private void awaitLeader() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> lease.isLeader()
                        && EngineHttp.json(asRole("viewer").get("/api/v1/cluster"))
                                .hasNonNull("leader"));
    }
}
