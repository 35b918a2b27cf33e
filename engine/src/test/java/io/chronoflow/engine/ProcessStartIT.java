package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting processes through the standard Camunda REST API, as official clients do. */
class ProcessStartIT extends EngineIntegrationTest {

    @BeforeEach
    void deployModel() {
        deploy("start-test", Models.externalTaskProcess("start-test", "test.start"));
    }

    @Test
    void startByKeyWithVariablesAndBusinessKey() {
        String businessKey = "order-" + UUID.randomUUID();
        Map<String, Object> body = Map.of(
                "businessKey",
                businessKey,
                "variables",
                Map.of(
                        "amount", Map.of("value", 42, "type", "Integer"),
                        "customer", Map.of("value", "ACME", "type", "String")));

        HttpResponse<String> started = asAdmin().postJson("/engine-rest/process-definition/key/start-test/start", body);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = EngineHttp.json(started).get("id").asText();
        JsonNode found = EngineHttp.json(asAdmin().get("/engine-rest/process-instance?businessKey=" + businessKey));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asText()).isEqualTo(id);
        JsonNode amount = EngineHttp.json(asAdmin().get("/engine-rest/process-instance/" + id + "/variables/amount"));
        assertThat(amount.get("value").asInt()).isEqualTo(42);
        assertThat(amount.get("type").asText()).isEqualTo("Integer");
    }

    @Test
    void unknownKeyAnswers404() {
        HttpResponse<String> response =
                asAdmin().postJson("/engine-rest/process-definition/key/no-such-process/start", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(EngineHttp.json(response).get("message").asText()).contains("no-such-process");
    }
}
