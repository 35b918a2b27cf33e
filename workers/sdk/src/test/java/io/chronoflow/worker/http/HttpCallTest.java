package io.chronoflow.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCallTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void onlyTheUrlIsRequiredTheRestHasDefaults() throws Exception {
        HttpCall call = HttpCall.of(Map.of("chronoflow.http.url", "https://fn.example/hook"), json);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.headers()).isEmpty();
        assertThat(call.body()).isNull();
        assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(call.success().contains(204)).isTrue();
        assertThat(call.statusVariable()).isEqualTo("httpStatus");
        assertThat(call.bodyVariable()).isEqualTo("httpBody");
        assertThat(call.describe()).isEqualTo("POST https://fn.example/hook");
    }

    @Test
    void blankOptionalPropertiesAsTheModelerLeavesClearedFieldsCountAsAbsent() throws Exception {
        HttpCall call = HttpCall.of(
                Map.of(
                        "chronoflow.http.url", " https://fn.example/hook ",
                        "chronoflow.http.method", "",
                        "chronoflow.http.headers", " ",
                        "chronoflow.http.body", "",
                        "chronoflow.http.timeout", "",
                        "chronoflow.http.success", "",
                        "chronoflow.http.result", ""),
                json);

        assertThat(call).isEqualTo(HttpCall.of(Map.of("chronoflow.http.url", "https://fn.example/hook"), json));
    }

    @Test
    void everyPropertyIsRead() throws Exception {
        HttpCall call = HttpCall.of(
                Map.of(
                        "chronoflow.http.url", "http://fn.example/orders/${orderId}",
                        "chronoflow.http.method", "put",
                        "chronoflow.http.headers",
                                "{\"X-Trace\": \"${runId}\", \"Authorization\": \"Bearer ${secret:T}\"}",
                        "chronoflow.http.body", "{\"id\": \"${orderId}\"}",
                        "chronoflow.http.timeout", "PT2S",
                        "chronoflow.http.success", "200,201",
                        "chronoflow.http.result", "fn"),
                json);

        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.headers())
                .containsExactly(Map.entry("X-Trace", "${runId}"), Map.entry("Authorization", "Bearer ${secret:T}"));
        assertThat(call.body().get("id").asText()).isEqualTo("${orderId}");
        assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(call.success().contains(201)).isTrue();
        assertThat(call.success().contains(204)).isFalse();
        assertThat(call.statusVariable()).isEqualTo("fnStatus");
    }

    @Test
    void everyWrongPropertyIsNamedAtOnce() {
        assertThatThrownBy(() -> HttpCall.of(
                        Map.of(
                                "chronoflow.http.method", "FETCH",
                                "chronoflow.http.headers", "[1]",
                                "chronoflow.http.body", "{not json",
                                "chronoflow.http.timeout", "30s",
                                "chronoflow.http.success", "ok",
                                "chronoflow.http.result", "my-result"),
                        json))
                .isInstanceOf(HttpTaskException.class)
                .hasMessageStartingWith("invalid HTTP task: ")
                .hasMessageContaining("chronoflow.http.url is required")
                .hasMessageContaining("chronoflow.http.method must be one of [DELETE, GET, HEAD, OPTIONS, PATCH, POST,"
                        + " PUT], was 'FETCH'")
                .hasMessageContaining("chronoflow.http.headers must be a JSON object")
                .hasMessageContaining("chronoflow.http.body must be a JSON template")
                .hasMessageContaining("chronoflow.http.timeout must be an ISO-8601 duration such as PT30S, was '30s'")
                .hasMessageContaining("chronoflow.http.success must list status codes")
                .hasMessageContaining("chronoflow.http.result must be a variable name prefix");
    }

    @Test
    void credentialsMustBeSecretReferencesNotLiteralsInTheModel() {
        assertThatThrownBy(() -> HttpCall.of(
                        Map.of(
                                "chronoflow.http.url", "https://user:pw@fn.example/",
                                "chronoflow.http.headers", "{\"Authorization\": \"Bearer abc123\"}"),
                        json))
                .hasMessageContaining("chronoflow.http.url holds a literal user and password")
                .hasMessageContaining("chronoflow.http.headers: 'Authorization' holds a literal credential")
                .hasMessageNotContaining("abc123");
    }

    @Test
    void aBadUrlOrSecretNameIsNamed() {
        assertThatThrownBy(() -> HttpCall.of(
                        Map.of(
                                "chronoflow.http.url", "ftp://fn.example/${secret:bad-name}",
                                "chronoflow.http.headers", "{\"X-Key\": \"${}\"}"),
                        json))
                .hasMessageContaining("chronoflow.http.url must start with http:// or https://")
                .hasMessageContaining("chronoflow.http.url: 'bad-name' is no secret name")
                .hasMessageContaining("chronoflow.http.headers has an empty placeholder");
    }
}
