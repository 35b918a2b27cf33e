package io.chronoflow.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * History is purged by its retention: Camunda's history cleanup, as the engine configures it (by end time: the run's
 * end plus the model's {@code historyTimeToLive}; a cleanup window around the clock), deletes a finished run's history
 * once its time-to-live is over, and keeps the history of runs whose time-to-live is not.
 */
class HistoryCleanupIT extends EngineIntegrationTest {

    @Test
    void finishedRunsArePurgedOnceTheirHistoryTimeToLiveIsOver() {
        String expired = "cleanup-expired-" + UUID.randomUUID().toString().substring(0, 8);
        String kept = "cleanup-kept-" + UUID.randomUUID().toString().substring(0, 8);
        deploy(expired, Models.emptyProcess(expired, "P0D"));
        deploy(kept, Models.emptyProcess(kept, "P1D"));
        String expiredRun = start(expired);
        String keptRun = start(kept);
        assertThat(historicRuns(expiredRun)).isEqualTo(1);

        HttpResponse<String> cleanup = asAdmin().postJson("/engine-rest/history/cleanup?immediatelyDue=true", "");
        assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> historicRuns(expiredRun) == 0);
        assertThat(historicRuns(keptRun))
                .as("history within its time-to-live stays")
                .isEqualTo(1);
    }

    private String start(String key) {
        return EngineHttp.json(asAdmin().postJson("/engine-rest/process-definition/key/" + key + "/start", Map.of()))
                .get("id")
                .asText();
    }

    private long historicRuns(String runId) {
        return EngineHttp.json(asAdmin().get("/engine-rest/history/process-instance/count?processInstanceId=" + runId))
                .get("count")
                .asLong();
    }
}
