package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.deployment.ModelDeployer;
import io.chronoflow.engine.support.EngineIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The example job deployed from bpmn/ fires on its timer and the demo worker completes its runs over HTTP. */
class HeartbeatJobIT extends EngineIntegrationTest {

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    HistoryService historyService;

    @Test
    void modelsFromTheBpmnFolderAreDeployed() {
        assertThat(repositoryService
                        .createDeploymentQuery()
                        .deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(repositoryService
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("heartbeat-report")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void heartbeatCompletesAtLeastTwoRunsDoneByTheDemoWorker() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> finishedHeartbeats().size() >= 2);

        for (HistoricProcessInstance run : finishedHeartbeats()) {
            assertThat(run.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
            List<HistoricVariableInstance> variables = historyService
                    .createHistoricVariableInstanceQuery()
                    .processInstanceId(run.getId())
                    .variableName("reportedBy")
                    .list();
            assertThat(variables).hasSize(1);
            assertThat(variables.get(0).getValue().toString()).startsWith("chronoflow-demo@");
        }
    }

    @Test
    void everyTimerFireIsRecordedInTheTimerLagHistogram() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> finishedHeartbeats().size() >= 2);

        String scrape = asAdmin().get("/actuator/prometheus").body();

        double fires = scrape.lines()
                .filter(l -> l.startsWith("chronoflow_timer_lag_seconds_count{")
                        && l.contains("job_key=\"heartbeat-report\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(fires).isGreaterThanOrEqualTo(2);
        assertThat(scrape).contains("chronoflow_timer_lag_seconds_bucket{");
    }

    private List<HistoricProcessInstance> finishedHeartbeats() {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey("heartbeat-report")
                .finished()
                .list();
    }
}
