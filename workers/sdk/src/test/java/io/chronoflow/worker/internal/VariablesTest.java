package io.chronoflow.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Variables variables = new Variables(json);

    @Test
    void javaValuesBecomeCamundaTypedValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("s", "text");
        values.put("i", 42);
        values.put("l", 42L);
        values.put("d", 1.5);
        values.put("b", true);
        values.put("n", null);
        values.put("t", Instant.parse("2026-03-29T01:30:00Z"));
        values.put("m", Map.of("k", List.of(1, 2)));

        ObjectNode typed = variables.toTyped(values);

        assertThat(typed.at("/s/type").asText()).isEqualTo("String");
        assertThat(typed.at("/i/type").asText()).isEqualTo("Integer");
        assertThat(typed.at("/l/type").asText()).isEqualTo("Long");
        assertThat(typed.at("/d/type").asText()).isEqualTo("Double");
        assertThat(typed.at("/b/type").asText()).isEqualTo("Boolean");
        assertThat(typed.at("/n/type").asText()).isEqualTo("Null");
        assertThat(typed.at("/t/type").asText()).isEqualTo("Date");
        assertThat(typed.at("/t/value").asText()).isEqualTo("2026-03-29T01:30:00.000+0000");
        assertThat(typed.at("/m/type").asText()).isEqualTo("Json");
        assertThat(typed.at("/m/value").asText()).isEqualTo("{\"k\":[1,2]}");
    }

    @Test
    void typedValuesFromTheEngineBecomePlainJava() throws Exception {
        JsonNode fromEngine = json.readTree("""
                {"amount": {"type": "Integer", "value": 7},
                 "big": {"type": "Long", "value": 9000000000},
                 "name": {"type": "String", "value": "ACME"},
                 "when": {"type": "Date", "value": "2026-10-25T02:30:00.000+0100"},
                 "order": {"type": "Json", "value": "{\\"lines\\":[1,2,3]}"},
                 "legacy": {"type": "Object", "value": "{\\"a\\":1}",
                            "valueInfo": {"serializationDataFormat": "application/json"}},
                 "nothing": {"type": "Null", "value": null}}
                """);

        Map<String, Object> plain = variables.fromTyped(fromEngine);

        assertThat(plain.get("amount")).isEqualTo(7);
        assertThat(plain.get("big")).isEqualTo(9_000_000_000L);
        assertThat(plain.get("name")).isEqualTo("ACME");
        assertThat(plain.get("when")).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(plain.get("order")).isEqualTo(Map.of("lines", List.of(1, 2, 3)));
        assertThat(plain.get("legacy")).isEqualTo(Map.of("a", 1));
        assertThat(plain).containsKey("nothing");
        assertThat(plain.get("nothing")).isNull();
    }

    @Test
    void roundTripKeepsValues() {
        Map<String, Object> values = Map.of("x", 3, "y", "z", "list", List.of("a", "b"));

        assertThat(variables.fromTyped(variables.toTyped(values))).isEqualTo(values);
    }
}
