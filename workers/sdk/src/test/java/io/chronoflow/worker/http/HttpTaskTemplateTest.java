package io.chronoflow.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Modeler's element template (bpmn/element-templates/http-task.json) says what the HTTP task reads. */
class HttpTaskTemplateTest {

    private static final Path TEMPLATE = Path.of("..", "..", "bpmn", "element-templates", "http-task.json");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTemplateBindsTheTopicAndEveryPropertyTheTaskReadsWithItsDefaults() throws Exception {
        JsonNode template = json.readTree(TEMPLATE.toFile()).get(0);
        assertThat(template.get("$schema").asText())
                .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
        assertThat(template.get("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");

        Map<String, String> attributes = new HashMap<>();
        Map<String, String> defaults = new HashMap<>();
        Set<String> methods = new HashSet<>();
        for (JsonNode property : template.get("properties")) {
            JsonNode binding = property.get("binding");
            String name = binding.get("name").asText();
            switch (binding.get("type").asText()) {
                case "property" -> attributes.put(name, property.get("value").asText());
                case "camunda:property" ->
                    defaults.put(name, property.path("value").asText(""));
                default -> throw new AssertionError("unexpected binding " + binding);
            }
            property.path("choices")
                    .forEach(choice -> methods.add(choice.get("value").asText()));
        }

        assertThat(attributes)
                .containsOnly(Map.entry("camunda:type", "external"), Map.entry("camunda:topic", HttpTask.TOPIC));
        assertThat(defaults.keySet())
                .containsExactlyInAnyOrder(
                        HttpCall.URL,
                        HttpCall.METHOD,
                        HttpCall.HEADERS,
                        HttpCall.BODY,
                        HttpCall.TIMEOUT,
                        HttpCall.SUCCESS,
                        HttpCall.RESULT,
                        "chronoflow.retries",
                        "chronoflow.retry-backoff");
        assertThat(methods).isEqualTo(HttpCall.METHODS);

        // What the Modeler writes for a task with only its URL filled in is a valid call with the task's defaults.
        defaults.put(HttpCall.URL, "https://fn.example/hook");
        HttpCall call = HttpCall.of(defaults, json);
        assertThat(call.method()).isEqualTo(HttpCall.DEFAULT_METHOD);
        assertThat(call.timeout()).isEqualTo(HttpCall.DEFAULT_TIMEOUT);
        assertThat(call.success().text()).isEqualTo(StatusSet.DEFAULT);
        assertThat(call.resultPrefix()).isEqualTo(HttpCall.DEFAULT_RESULT);
        assertThat(call.headers()).isEmpty();
        assertThat(call.body()).isNull();
        assertThat(Duration.parse(defaults.get("chronoflow.retry-backoff"))).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.get("chronoflow.retries")).isEqualTo("3");
    }
}
