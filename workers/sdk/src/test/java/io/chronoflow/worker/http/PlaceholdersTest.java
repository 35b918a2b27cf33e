package io.chronoflow.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Object> variables = new HashMap<>(Map.of(
            "orderId",
            "A 1/2",
            "amount",
            4500,
            "express",
            true,
            "order",
            Map.of("sku", "X-1", "quantity", 3),
            "lines",
            List.of(1, 2)));
    private final Placeholders placeholders =
            new Placeholders(variables, SecretSource.of(Map.of("FN_TOKEN", "s3cr3t+/=value")), json);

    {
        variables.put("nothing", null);
    }

    @Test
    void textTakesEachVariableAsTextAndSecretsByName() throws Exception {
        assertThat(placeholders.text("Bearer ${secret:FN_TOKEN}", "h")).isEqualTo("Bearer s3cr3t+/=value");
        assertThat(placeholders.text("order ${orderId} of ${amount} (${express}) ${lines}", "h"))
                .isEqualTo("order A 1/2 of 4500 (true) [1,2]");
        assertThat(placeholders.text("no placeholders, ${ not closed", "h"))
                .isEqualTo("no placeholders, ${ not closed");
    }

    @Test
    void urlValuesArePercentEncodedSoTheyCannotChangeTheUrlsShape() throws Exception {
        assertThat(placeholders.url("https://fn.example/orders/${orderId}?key=${secret:FN_TOKEN}", "u"))
                .isEqualTo("https://fn.example/orders/A%201%2F2?key=s3cr3t%2B%2F%3Dvalue");
    }

    @Test
    void aStringThatIsExactlyOnePlaceholderBecomesTheVariablesJsonValue() throws Exception {
        JsonNode template = json.readTree("""
                {"id": "${orderId}", "amount": "${amount}", "order": "${order}", "lines": ["${lines}", "x"],
                 "none": "${nothing}", "note": "order ${orderId} for ${amount}", "token": "${secret:FN_TOKEN}",
                 "fixed": 7}
                """);

        JsonNode filled = placeholders.json(template, "b");

        assertThat(filled.get("id").asText()).isEqualTo("A 1/2");
        assertThat(filled.get("amount").isInt()).isTrue();
        assertThat(filled.get("amount").asInt()).isEqualTo(4500);
        assertThat(filled.get("order").get("quantity").asInt()).isEqualTo(3);
        assertThat(filled.get("lines").get(0).isArray()).isTrue();
        assertThat(filled.get("lines").get(1).asText()).isEqualTo("x");
        assertThat(filled.get("none").isNull()).isTrue();
        assertThat(filled.get("note").asText()).isEqualTo("order A 1/2 for 4500");
        assertThat(filled.get("token").asText()).isEqualTo("s3cr3t+/=value");
        assertThat(filled.get("fixed").asInt()).isEqualTo(7);
        assertThat(template.get("id").asText()).as("the template is untouched").isEqualTo("${orderId}");
    }

    @Test
    void aMissingVariableOrSecretIsAFailureNamingItAndTheProperty() {
        assertThatThrownBy(() -> placeholders.text("${customer}", "chronoflow.http.headers"))
                .isInstanceOf(HttpTaskException.class)
                .hasMessage("chronoflow.http.headers refers to the variable 'customer', which the run does not have");
        assertThatThrownBy(() -> placeholders.url("https://x/${nothing}", "chronoflow.http.url"))
                .hasMessage("chronoflow.http.url refers to the variable 'nothing', which is null");
        assertThatThrownBy(() -> placeholders.text("${secret:OTHER}", "chronoflow.http.body"))
                .hasMessage("chronoflow.http.body refers to secret 'OTHER', which is not set on this worker");
    }

    @Test
    void theEnvironmentSourceNamesTheVariableItReads() {
        Placeholders fromEnvironment = new Placeholders(Map.of(), SecretSource.environment(), json);
        assertThatThrownBy(() -> fromEnvironment.text("${secret:CF_TEST_SURELY_UNSET}", "chronoflow.http.url"))
                .hasMessageContaining("environment variable CHRONOFLOW_SECRET_CF_TEST_SURELY_UNSET of the worker");
    }

    @Test
    void redactionHidesEverySecretHandedOutAlsoInItsUrlEncodedForm() throws Exception {
        assertThat(placeholders.redact("Bearer s3cr3t+/=value"))
                .as("nothing handed out yet")
                .contains("s3cr3t");
        placeholders.text("${secret:FN_TOKEN}", "h");

        assertThat(placeholders.redact("echo: Bearer s3cr3t+/=value and ?key=s3cr3t%2B%2F%3Dvalue"))
                .isEqualTo("echo: Bearer *** and ?key=***");
    }
}
