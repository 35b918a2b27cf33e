package io.chronoflow.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deployments the way the Camunda Modeler's deploy button makes them: multipart POST to deployment/create. */
class ModelerDeploymentIT extends EngineIntegrationTest {

    private static Map<String, String> modelerFields(String name) {
        return Map.of(
                "deployment-name", name,
                "deployment-source", "Camunda Modeler",
                "deploy-changed-only", "true");
    }

    @Test
    void modelerDeploymentIsListedByKey() {
        HttpResponse<String> created = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        modelerFields("modeler-test"),
                        "modeler-test.bpmn",
                        Models.externalTaskProcess("modeler-test", "test.modeler"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode deployment = EngineHttp.json(created);
        JsonNode deployed = deployment.get("deployedProcessDefinitions");
        assertThat(deployed).hasSize(1);
        assertThat(deployed.elements().next().get("key").asText()).isEqualTo("modeler-test");

        JsonNode definitions = EngineHttp.json(asAdmin().get("/engine-rest/process-definition?key=modeler-test"));
        assertThat(definitions).hasSize(1);
        assertThat(definitions.get(0).get("deploymentId").asText())
                .isEqualTo(deployment.get("id").asText());
    }

    @Test
    void unchangedModelIsNotDeployedAgain() {
        byte[] model = Models.externalTaskProcess("modeler-unchanged", "test.unchanged");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> created = asAdmin()
                    .postMultipart(
                            "/engine-rest/deployment/create",
                            modelerFields("modeler-unchanged"),
                            "modeler-unchanged.bpmn",
                            model);
            assertThat(created.statusCode()).isEqualTo(200);
        }

        JsonNode versions = EngineHttp.json(asAdmin().get("/engine-rest/process-definition?key=modeler-unchanged"));
        assertThat(versions).hasSize(1);
    }

    @Test
    void invalidModelIsRefusedWith400AndDeploysNothing() {
        long before = count("/engine-rest/deployment/count");

        HttpResponse<String> refused = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        modelerFields("broken"),
                        "broken.bpmn",
                        Models.invalidProcess("broken-model"));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = EngineHttp.json(refused);
        assertThat(error.get("type").asText()).isEqualTo("ParseException");
        assertThat(error.get("message").asText()).contains("missing");
        assertThat(count("/engine-rest/deployment/count")).isEqualTo(before);
        assertThat(EngineHttp.json(asAdmin().get("/engine-rest/process-definition?key=broken-model")))
                .isEmpty();
    }

    @Test
    void notXmlIsRefusedWith400() {
        long before = count("/engine-rest/deployment/count");

        HttpResponse<String> refused = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        modelerFields("garbage"),
                        "garbage.bpmn",
                        "this is not xml".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = EngineHttp.json(refused);
        assertThat(error.get("type").asText()).isEqualTo("ParseException");
        assertThat(error.get("message").asText()).contains("'garbage.bpmn' is not well-formed XML at line 1");
        assertThat(count("/engine-rest/deployment/count")).isEqualTo(before);
    }

    @Test
    void modelWithAnExternalEntityIsRefusedWith400() {
        long before = count("/engine-rest/deployment/count");
        String xxe = new String(Models.externalTaskProcess("xxe-model", "test.xxe"), StandardCharsets.UTF_8)
                .replace(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                + "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>")
                .replace("name=\"Test xxe-model\"", "name=\"&x;\"");

        HttpResponse<String> refused = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        modelerFields("xxe"),
                        "xxe.bpmn",
                        xxe.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(EngineHttp.json(refused).get("message").asText()).contains("DOCTYPE declarations are not allowed");
        assertThat(count("/engine-rest/deployment/count")).isEqualTo(before);
        assertThat(EngineHttp.json(asAdmin().get("/engine-rest/process-definition?key=xxe-model")))
                .isEmpty();
    }

    private long count(String path) {
        return EngineHttp.json(asAdmin().get(path)).get("count").asLong();
    }
}
