package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import java.time.Duration;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** chronoflow.overlap with runs that never finish on their own (their task's topic has no worker). */
class OverlapIT extends EngineIntegrationTest {

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ExternalTaskService externalTaskService;

    @Autowired
    ManagementService managementService;

    private String job;

    @AfterEach
    void pause() {
        if (job != null) {
            asAdmin().postJson("/api/v1/jobs/" + job + "/pause", "");
        }
    }

    private long active(String key) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(key)
                .count();
    }

    private long fires(String key) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(key)
                .count();
    }

    private double skipped(String key) {
        return asAdmin()
                .get("/actuator/prometheus")
                .body()
                .lines()
                .filter(l ->
                        l.startsWith("chronoflow_job_fires_skipped_total{") && l.contains("job_key=\"" + key + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void skipStartsNoRunWhileThePreviousIsActiveAndCountsTheSkippedFires() {
        job = "it-overlap-skip";
        deploy(job, Models.overlappingProcess(job, "R/PT1S", "it.nobody.skip", "skip"));
        await().atMost(Duration.ofSeconds(15)).until(() -> active(job) == 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> skipped(job) >= 3);

        assertThat(active(job)).isEqualTo(1);
        assertThat(fires(job)).isEqualTo(1);
    }

    @Test
    void queueKeepsOneFireWhileTheRunIsActiveAndStartsItWhenTheRunEnds() {
        job = "it-overlap-queue";
        String topic = "it.nobody.queue";
        deploy(job, Models.overlappingProcess(job, "R/PT1S", topic, "queue"));
        await().atMost(Duration.ofSeconds(15)).until(() -> active(job) == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> skipped(job) >= 2);
        assertThat(queuedFires(job)).as("queue-max defaults to 1").isEqualTo(1);
        assertThat(active(job)).isEqualTo(1);
        assertThat(fires(job)).isEqualTo(1);
        String first = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(job)
                .singleResult()
                .getId();

        for (LockedExternalTask task : externalTaskService
                .fetchAndLock(10, "it-queue-worker")
                .topic(topic, 60_000)
                .execute()) {
            externalTaskService.complete(task.getId(), "it-queue-worker");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> fires(job) == 2);
        HistoricProcessInstance ended = historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(first)
                .singleResult();
        HistoricProcessInstance queued = historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(job)
                .unfinished()
                .singleResult();
        assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(queued.getStartTime())
                .as("the queued run starts after the first ends")
                .isAfterOrEqualTo(ended.getEndTime());
        assertThat(active(job)).isEqualTo(1);
    }

    private long queuedFires(String key) {
        return managementService
                .createJobQuery()
                .processDefinitionKey(key)
                .suspended()
                .count();
    }

    @Test
    void cancelPreviousEndsTheActiveRunBeforeTheNextStarts() {
        job = "it-overlap-cancel";
        deploy(job, Models.overlappingProcess(job, "R/PT1S", "it.nobody.cancel", "cancel-previous"));

        await().atMost(Duration.ofSeconds(20)).until(() -> fires(job) >= 3);

        assertThat(active(job)).isLessThanOrEqualTo(1);
        java.util.List<HistoricProcessInstance> ended = historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(job)
                .finished()
                .list();
        assertThat(ended)
                .as(
                        "%s",
                        ended.stream()
                                .map(r -> r.getState() + ":" + r.getDeleteReason())
                                .toList())
                .isNotEmpty()
                .allSatisfy(run -> {
                    // deleted inside the engine's own job, so the engine records it as internally terminated
                    assertThat(run.getState()).isEqualTo(HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);
                    assertThat(run.getDeleteReason()).contains("chronoflow.overlap=cancel-previous");
                });
        com.fasterxml.jackson.databind.JsonNode runs =
                io.chronoflow.testkit.EngineHttp.json(asAdmin().get("/api/v1/jobs/" + job + "/runs?size=200"));
        java.util.Set<String> outcomes = new java.util.HashSet<>();
        runs.get("items").forEach(r -> outcomes.add(r.get("outcome").asText()));
        assertThat(outcomes).contains("cancelled").doesNotContain("failed");
    }
}
