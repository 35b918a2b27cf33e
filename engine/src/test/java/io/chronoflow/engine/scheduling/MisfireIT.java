package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Misfires made real: an hourly job's pending timer is moved five hours into the past, as after five hours of downtime,
 * and the job executor fires it. (Hourly, so that the timer's own first fire cannot come in between.)
 */
class MisfireIT extends EngineIntegrationTest {

    @Autowired
    ManagementService managementService;

    @Autowired
    HistoryService historyService;

    @ParameterizedTest
    @CsvSource({"fire-once, 1", "skip, 0", "catch-up, 3"})
    void aFireFiveHoursLateFollowsTheJobsMisfirePolicy(String policy, int expectedRuns) {
        String key = "it-misfire-" + policy;
        deploy(key, Models.timerProcess(key, "0 0 * * * ?", Map.of(Misfire.PROPERTY, policy, Misfire.MAX, "3")));
        Job timer = managementService
                .createJobQuery()
                .processDefinitionKey(key)
                .timers()
                .singleResult();
        Instant fiveHoursAgo = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));

        managementService.setJobDuedate(timer.getId(), Date.from(fiveHoursAgo));

        // the late fire happened once its timer has moved on to the next regular hour
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Job next = managementService
                    .createJobQuery()
                    .processDefinitionKey(key)
                    .timers()
                    .singleResult();
            return next != null && next.getDuedate().toInstant().isAfter(fiveHoursAgo.plusSeconds(1));
        });
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(key)
                        .count())
                .isEqualTo(expectedRuns);
        Job next = managementService
                .createJobQuery()
                .processDefinitionKey(key)
                .timers()
                .singleResult();
        assertThat(next.getDuedate().toInstant()).isAfter(Instant.now().minusSeconds(1));
        asAdmin().postJson("/api/v1/jobs/" + key + "/pause", "");
    }
}
