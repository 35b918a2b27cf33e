package io.chronoflow.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.worker.ChronoflowWorker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routed dispatch: which worker gets a task is decided by the job's chronoflow.routing. */
class RoutingIT extends EngineIntegrationTest {

    private final List<ChronoflowWorker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(ChronoflowWorker::close);
    }

    private ChronoflowWorker worker(String id, int weight, String topic, List<String> doneBy) {
        ChronoflowWorker worker = workerBuilder(id)
                .weight(weight)
                .longPoll(Duration.ofSeconds(5))
                .heartbeat(Duration.ofMillis(500), Duration.ofSeconds(3))
                .handler(topic, (task, ctx) -> doneBy.add(id + "|" + task.businessKey()))
                .build()
                .start();
        workers.add(worker);
        return worker;
    }

    private void awaitListed(String... ids) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode listed = EngineHttp.json(asAdmin().get("/api/v1/workers")).get("workers");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            listed.forEach(w -> seen.add(w.get("id").asText()));
            return seen.containsAll(List.of(ids));
        });
    }

    private void start(String key, String businessKey) {
        HttpResponse<String> started = asAdmin()
                .postJson("/engine-rest/process-definition/key/" + key + "/start", Map.of("businessKey", businessKey));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    }

    @Test
    void failoverSendsEverythingToThePrimaryUntilItLeaves() {
        deploy("it-failover", Models.externalTaskProcess("it-failover", "it.failover", "failover"));
        List<String> doneBy = new CopyOnWriteArrayList<>();
        ChronoflowWorker primary = worker("it-primary", 10, "it.failover", doneBy);
        worker("it-backup", 1, "it.failover", doneBy);
        awaitListed("it-primary", "it-backup");

        for (int i = 0; i < 8; i++) {
            start("it-failover", "before-" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> doneBy.size() == 8);
        assertThat(doneBy).allSatisfy(d -> assertThat(d).startsWith("it-primary|"));

        primary.close(); // graceful: leaves the registry at once
        workers.remove(primary);
        for (int i = 0; i < 4; i++) {
            start("it-failover", "after-" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> doneBy.size() == 12);
        assertThat(doneBy.subList(8, 12)).allSatisfy(d -> assertThat(d).startsWith("it-backup|"));
    }

    @Test
    void broadcastRunsOneShardOnEveryLiveWorker() {
        deploy("it-broadcast", Models.shardedProcess("it-broadcast", "it.broadcast", 3, "broadcast"));
        List<String> doneBy = new CopyOnWriteArrayList<>();
        worker("it-bc-1", 1, "it.broadcast", doneBy);
        worker("it-bc-2", 1, "it.broadcast", doneBy);
        worker("it-bc-3", 1, "it.broadcast", doneBy);
        awaitListed("it-bc-1", "it-bc-2", "it-bc-3");

        start("it-broadcast", "bc");
        await().atMost(Duration.ofSeconds(30)).until(() -> doneBy.size() == 3);

        assertThat(doneBy).containsExactlyInAnyOrder("it-bc-1|bc", "it-bc-2|bc", "it-bc-3|bc");
    }

    @Test
    void consistentHashKeepsABusinessKeyOnOneWorker() {
        deploy("it-hash", Models.externalTaskProcess("it-hash", "it.hash", "consistent-hash"));
        List<String> doneBy = new CopyOnWriteArrayList<>();
        worker("it-hash-1", 1, "it.hash", doneBy);
        worker("it-hash-2", 1, "it.hash", doneBy);
        worker("it-hash-3", 1, "it.hash", doneBy);
        awaitListed("it-hash-1", "it-hash-2", "it-hash-3");

        for (int round = 0; round < 3; round++) {
            for (String key : List.of("order-1", "order-2", "order-3", "order-4", "order-5")) {
                start("it-hash", key);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> doneBy.size() == 15);

        Map<String, Set<String>> workersPerKey = new ConcurrentHashMap<>();
        for (String d : doneBy) {
            String[] parts = d.split("\\|");
            workersPerKey
                    .computeIfAbsent(parts[1], k -> ConcurrentHashMap.newKeySet())
                    .add(parts[0]);
        }
        assertThat(workersPerKey).hasSize(5);
        assertThat(workersPerKey.values()).allSatisfy(ws -> assertThat(ws).hasSize(1));
    }

    @Test
    void plainCamundaFetchAndLockStillWorksForOfficialClients() {
        deploy("it-plain", Models.externalTaskProcess("it-plain", "it.plain"));
        start("it-plain", "plain-1");

        JsonNode locked = EngineHttp.json(asAdmin()
                .postJson(
                        "/engine-rest/external-task/fetchAndLock",
                        Map.of(
                                "workerId",
                                "official-client",
                                "maxTasks",
                                1,
                                "topics",
                                List.of(Map.of("topicName", "it.plain", "lockDuration", 10_000)))));
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).get("businessKey").asText()).isEqualTo("plain-1");
        HttpResponse<String> completed = asAdmin()
                .postJson(
                        "/engine-rest/external-task/" + locked.get(0).get("id").asText() + "/complete",
                        Map.of("workerId", "official-client"));
        assertThat(completed.statusCode()).isEqualTo(204);
    }

    @Test
    void theDispatcherHandsOutTheHighestPriorityFirstAndNoSuspendedTask() {
        deploy("it-priority", Models.prioritizedExternalTaskProcess("it-priority", "it.priority"));
        for (int priority : new int[] {3, 1, 5, 2, 6, 4}) {
            startWithPriority("p" + priority, priority);
        }
        String held = startWithPriority("p100", 100);
        HttpResponse<String> suspended =
                asAdmin().putJson("/engine-rest/process-instance/" + held + "/suspended", Map.of("suspended", true));
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(204);

        List<String> doneBy = new CopyOnWriteArrayList<>();
        ChronoflowWorker.Builder oneAtATime = workerBuilder("it-priority-worker")
                .capacity(1)
                .longPoll(Duration.ofSeconds(5))
                .handler("it.priority", (task, ctx) -> doneBy.add(task.businessKey()));
        workers.add(oneAtATime.build().start());
        await().atMost(Duration.ofSeconds(30)).until(() -> doneBy.size() == 6);
        assertThat(doneBy).containsExactly("p6", "p5", "p4", "p3", "p2", "p1");

        HttpResponse<String> activated =
                asAdmin().putJson("/engine-rest/process-instance/" + held + "/suspended", Map.of("suspended", false));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> doneBy.size() == 7);
        assertThat(doneBy).last().isEqualTo("p100");
    }

    private String startWithPriority(String businessKey, int priority) {
        HttpResponse<String> started = asAdmin()
                .postJson(
                        "/engine-rest/process-definition/key/it-priority/start",
                        Map.of(
                                "businessKey",
                                businessKey,
                                "variables",
                                Map.of("priority", Map.of("value", priority, "type", "Integer"))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return EngineHttp.json(started).get("id").asText();
    }

    @Test
    void routedWorkersAndAPlainClientRacingForTheSameTasksRunEachOnce() throws Exception {
        deploy("it-race", Models.externalTaskProcess("it-race", "it.race"));
        List<String> doneBy = new CopyOnWriteArrayList<>();
        worker("race-a", 1, "it.race", doneBy);
        worker("race-b", 1, "it.race", doneBy);
        awaitListed("race-a", "race-b");
        int runs = 120;
        Thread plain = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                JsonNode locked = EngineHttp.json(asAdmin()
                        .postJson(
                                "/engine-rest/external-task/fetchAndLock",
                                Map.of(
                                        "workerId",
                                        "race-plain",
                                        "maxTasks",
                                        5,
                                        "topics",
                                        List.of(Map.of("topicName", "it.race", "lockDuration", 30_000)))));
                for (JsonNode task : locked) {
                    doneBy.add("race-plain|" + task.get("businessKey").asText());
                    asAdmin()
                            .postJson(
                                    "/engine-rest/external-task/"
                                            + task.get("id").asText() + "/complete",
                                    Map.of("workerId", "race-plain"));
                }
            }
        });
        plain.start();
        try {
            for (int i = 0; i < runs; i++) {
                start("it-race", "race-" + i);
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> EngineHttp.json(asAdmin()
                                            .get("/engine-rest/process-instance/count?processDefinitionKey=it-race"))
                                    .get("count")
                                    .asInt()
                            == 0);
        } finally {
            plain.interrupt();
            plain.join(10_000);
        }
        List<String> keys =
                doneBy.stream().map(d -> d.substring(d.indexOf('|') + 1)).toList();
        assertThat(keys).hasSize(runs).doesNotHaveDuplicates();
        // Scoped to this process: the suite shares one engine with tests that raise incidents on purpose.
        assertThat(EngineHttp.json(asAdmin().get("/engine-rest/history/incident/count?processDefinitionKey=it-race"))
                        .get("count")
                        .asInt())
                .isZero();
        assertThat(EngineHttp.json(asAdmin()
                                .get("/engine-rest/history/external-task-log/count"
                                        + "?processDefinitionKey=it-race&failureLog=true"))
                        .get("count")
                        .asInt())
                .as("no lost-lock race reported as a task failure")
                .isZero();
    }

    @Test
    void aWorkerGetsOnlyTheVariablesItsHandlerDeclares() {
        deploy("it-vars", Models.externalTaskProcess("it-vars", "it.vars"));
        Map<String, Object> seen = new ConcurrentHashMap<>();
        workers.add(workerBuilder("vars-1")
                .longPoll(Duration.ofSeconds(5))
                .handler("it.vars", List.of("wanted"), (task, ctx) -> seen.putAll(task.variables()))
                .build()
                .start());
        HttpResponse<String> started = asAdmin()
                .postJson(
                        "/engine-rest/process-definition/key/it-vars/start",
                        Map.of(
                                "variables",
                                Map.of(
                                        "wanted", Map.of("value", "yes", "type", "String"),
                                        "large", Map.of("value", "x".repeat(3_000), "type", "String"))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        assertThat(seen).containsEntry("wanted", "yes").doesNotContainKey("large");
    }

    @Test
    void dispatchRefusesBadRequestsWithProblemJson() {
        HttpResponse<String> refused =
                asAdmin().postJson("/api/v1/dispatch/fetch-and-lock", Map.of("workerId", "w", "maxTasks", 0));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
