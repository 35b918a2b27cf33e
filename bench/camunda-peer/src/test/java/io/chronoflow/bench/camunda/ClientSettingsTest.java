package io.chronoflow.bench.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static final String URL = "http://127.0.0.1:9/engine-rest";

    @Test
    void unsetVariablesMeanTheClientsOwnDefaults() {
        ClientSettings settings = ClientSettings.fromEnv(Map.of(ClientSettings.BASE_URL, URL));
        assertThat(settings)
                .isEqualTo(
                        new ClientSettings(URL, "bench-drain", 1, 10, Duration.ofSeconds(20), Optional.empty(), true));
    }

    @Test
    void everySettingCanBeSet() {
        ClientSettings settings = ClientSettings.fromEnv(Map.of(
                ClientSettings.BASE_URL, URL,
                ClientSettings.TOPIC, "t",
                ClientSettings.CLIENTS, "4",
                ClientSettings.MAX_TASKS, "100",
                ClientSettings.LOCK_DURATION, "PT1M",
                ClientSettings.ASYNC_RESPONSE_TIMEOUT, "PT2S",
                ClientSettings.BACKOFF, "none"));
        assertThat(settings)
                .isEqualTo(new ClientSettings(
                        URL, "t", 4, 100, Duration.ofMinutes(1), Optional.of(Duration.ofSeconds(2)), false));
        assertThat(ClientSettings.fromEnv(
                                Map.of(ClientSettings.BASE_URL, URL, ClientSettings.ASYNC_RESPONSE_TIMEOUT, "none"))
                        .asyncResponseTimeout())
                .isEmpty();
    }

    @Test
    void everyWrongSettingIsNamedInOneMessage() {
        assertThatThrownBy(() -> ClientSettings.fromEnv(Map.of(
                        ClientSettings.CLIENTS, "0",
                        ClientSettings.MAX_TASKS, "many",
                        ClientSettings.LOCK_DURATION, "20000",
                        ClientSettings.ASYNC_RESPONSE_TIMEOUT, "PT0S",
                        ClientSettings.BACKOFF, "linear")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CAMUNDA_PEER_BASE_URL is required")
                .hasMessageContaining("CAMUNDA_PEER_CLIENTS needs a positive whole number, not '0'")
                .hasMessageContaining("CAMUNDA_PEER_MAX_TASKS needs a positive whole number, not 'many'")
                .hasMessageContaining("CAMUNDA_PEER_LOCK_DURATION needs a positive ISO-8601 duration")
                .hasMessageContaining("CAMUNDA_PEER_ASYNC_RESPONSE_TIMEOUT needs a positive ISO-8601 duration")
                .hasMessageContaining("CAMUNDA_PEER_BACKOFF must be exponential or none, not 'linear'");
    }

    @Test
    void thePortIsTheOneTheHarnessPasses() {
        assertThat(CamundaPeer.port(new String[] {"--server.port=18092", "client"}))
                .isEqualTo(18092);
        assertThat(CamundaPeer.port(new String[] {"client"})).isZero();
    }
}
