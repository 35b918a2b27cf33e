package io.chronoflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {

    private static ChronoflowWorker.Builder valid() {
        return ChronoflowWorker.builder()
                .engineUrl("http://localhost:8080/engine-rest")
                .workerId("w-1")
                .handler("t", (task, ctx) -> {});
    }

    @Test
    void defaultsAreValid() {
        WorkerOptions options = valid().build().options();

        assertThat(options.capacity()).isEqualTo(WorkerDefaults.CAPACITY);
        assertThat(options.lockDuration()).isEqualTo(WorkerDefaults.LOCK_DURATION);
        assertThat(options.heartbeatTtl()).isEqualTo(WorkerDefaults.HEARTBEAT_TTL);
    }

    @Test
    void commaSeparatedEngineUrlsAreSplit() {
        WorkerOptions options = valid().engineUrl("http://a:8080/engine-rest, http://b:8080/engine-rest")
                .build()
                .options();

        assertThat(options.engineUrls())
                .containsExactly(
                        "http://localhost:8080/engine-rest", "http://a:8080/engine-rest", "http://b:8080/engine-rest");
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        assertThatThrownBy(() -> valid().capacity(0)
                        .weight(0)
                        .lockDuration(Duration.ofMillis(500))
                        .heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5))
                        .engineUrl("ftp://nope")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity: must be 1..1000 (was 0)")
                .hasMessageContaining("weight: must be 1..1000 (was 0)")
                .hasMessageContaining("lockDuration: at least 2s")
                .hasMessageContaining("heartbeatTtl (PT5S) must be longer than heartbeatInterval (PT5S)")
                .hasMessageContaining("engineUrl: 'ftp://nope' must start with http:// or https://");
    }

    @Test
    void aWorkerNeedsAHandlerAndOneHandlerPerTopic() {
        assertThatThrownBy(() -> ChronoflowWorker.builder().build()).hasMessageContaining("at least one topic handler");
        assertThatThrownBy(() -> valid().handler("t", (task, ctx) -> {}))
                .hasMessageContaining("topic 't' has a handler already");
    }

    @Test
    void toStringHidesCredentials() {
        WorkerOptions options =
                valid().basicAuth("user", "secret-password").build().options();

        assertThat(options.toString()).doesNotContain("secret").doesNotContain("Basic");
    }
}
