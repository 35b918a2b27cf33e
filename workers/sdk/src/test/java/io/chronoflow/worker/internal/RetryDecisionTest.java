package io.chronoflow.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.worker.Task;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {

    private static Task task(Integer retries, Map<String, String> properties) {
        return new Task("t1", "topic", "job", "run", "act", null, retries, 0, null, Map.of(), properties);
    }

    @Test
    void firstFailureUsesTheWorkerDefaults() {
        RetryDecision d = RetryDecision.after(task(null, Map.of()), 3, Duration.ofSeconds(5));

        assertThat(d.retriesLeft()).isEqualTo(2);
        assertThat(d.pause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.modelProblem()).isNull();
    }

    @Test
    void pauseDoublesWithEachFailureAndTheLastOneLeavesNoRetries() {
        assertThat(RetryDecision.after(task(2, Map.of()), 3, Duration.ofSeconds(5)))
                .isEqualTo(new RetryDecision(1, Duration.ofSeconds(10), null));
        assertThat(RetryDecision.after(task(1, Map.of()), 3, Duration.ofSeconds(5)))
                .isEqualTo(new RetryDecision(0, Duration.ofSeconds(20), null));
    }

    @Test
    void modelPropertiesWinOverDefaults() {
        RetryDecision d = RetryDecision.after(
                task(null, Map.of("chronoflow.retries", "5", "chronoflow.retry-backoff", "PT1M")),
                3,
                Duration.ofSeconds(5));

        assertThat(d).isEqualTo(new RetryDecision(4, Duration.ofMinutes(1), null));
    }

    @Test
    void pauseIsCappedAtOneHour() {
        RetryDecision d = RetryDecision.after(
                task(1, Map.of("chronoflow.retries", "40", "chronoflow.retry-backoff", "PT1M")),
                3,
                Duration.ofSeconds(5));

        assertThat(d.pause()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void zeroRetriesInTheModelMeansTheFirstFailureIsAnIncident() {
        assertThat(RetryDecision.after(task(null, Map.of("chronoflow.retries", "0")), 3, Duration.ofSeconds(5))
                        .retriesLeft())
                .isZero();
    }

    @Test
    void badModelPropertiesFallBackToDefaultsAndSaySo() {
        RetryDecision d = RetryDecision.after(
                task(null, Map.of("chronoflow.retries", "many", "chronoflow.retry-backoff", "5 seconds")),
                3,
                Duration.ofSeconds(5));

        assertThat(d.retriesLeft()).isEqualTo(2);
        assertThat(d.pause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.modelProblem())
                .contains("chronoflow.retries must be a whole number, was 'many'")
                .contains("chronoflow.retry-backoff must be an ISO-8601 duration");
    }
}
