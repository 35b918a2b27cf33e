package io.chronoflow.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit log records who deployed, paused, resumed and triggered, with the result, refusals included. */
class AuditIT extends EngineIntegrationTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditRetention retention;

    @Test
    void entriesOlderThanTheRetentionArePurged() {
        Instant old = Instant.now().minus(Duration.ofDays(91));
        auditLog.append(
                new AuditLog.Entry(old, "itancient", "deploy", "POST", "/engine-rest/deployment/create", 200, null));
        auditLog.append(new AuditLog.Entry(
                Instant.now(), "itrecent", "deploy", "POST", "/engine-rest/deployment/create", 200, null));

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(auditLog.find(old.minusSeconds(1), Instant.now().plusSeconds(1), "itancient", null, 10))
                .isEmpty();
        assertThat(auditLog.find(old, Instant.now().plusSeconds(1), "itrecent", null, 10))
                .hasSize(1);
    }

    @Test
    void changesAndRefusedAttemptsAreRecordedForAdminsToRead() {
        Instant since = Instant.now().minusSeconds(1);
        String job = "it-audit-job";
        deploy(job, Models.timerProcess(job, "R/PT1H"));
        EngineHttp viewer = asRole("viewer");
        EngineHttp operator = asRole("operator");
        assertThat(viewer.postJson("/api/v1/jobs/" + job + "/pause", "").statusCode())
                .isEqualTo(403);
        assertThat(operator.postJson("/api/v1/jobs/" + job + "/pause", "").statusCode())
                .isEqualTo(200);
        assertThat(operator.postJson("/api/v1/jobs/" + job + "/resume", "").statusCode())
                .isEqualTo(200);
        assertThat(operator.postJson("/api/v1/jobs/" + job + "/trigger", "{}").statusCode())
                .isEqualTo(201);
        assertThat(operator.get("/api/v1/jobs/" + job).statusCode())
                .as("reads are not audited")
                .isEqualTo(200);

        JsonNode entries = EngineHttp.json(asAdmin().get("/api/v1/audit?from=" + since + "&limit=1000"))
                .get("entries");
        List<String> lines = new ArrayList<>();
        entries.forEach(
                e -> lines.add(e.get("actor").asText() + " " + e.get("action").asText() + " "
                        + e.get("target").asText() + " " + e.get("status").asInt()));
        assertThat(lines)
                .contains(
                        ADMIN + " deploy /engine-rest/deployment/create 200",
                        "itviewer pause /api/v1/jobs/" + job + "/pause 403",
                        "itoperator pause /api/v1/jobs/" + job + "/pause 200",
                        "itoperator resume /api/v1/jobs/" + job + "/resume 200",
                        "itoperator trigger /api/v1/jobs/" + job + "/trigger 201")
                .noneMatch(line -> line.contains("/api/v1/jobs/" + job + " "));
        assertThat(lines.indexOf("itoperator trigger /api/v1/jobs/" + job + "/trigger 201"))
                .as("newest first")
                .isLessThan(lines.indexOf("itoperator pause /api/v1/jobs/" + job + "/pause 200"));
        assertThat(operator.get("/api/v1/audit").statusCode()).as("admins only").isEqualTo(403);
    }
}
