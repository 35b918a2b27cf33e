package io.chronoflow.workerapp;

import io.chronoflow.worker.spring.ChronoflowWorkerCustomizer;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Handlers that complete their tasks at once and do nothing else, for the topics in {@code chronoflow.noop-topics}
 * ({@code CHRONOFLOW_NOOP_TOPICS}, comma-separated): what a load test or the benchmark harness drains with, so that it
 * measures the engine and the worker and not a handler. Unset: none.
 */
@Configuration
@ConditionalOnProperty(name = "chronoflow.noop-topics")
public class NoOpTopics {

    @Bean
    ChronoflowWorkerCustomizer noOpHandlers(@Value("${chronoflow.noop-topics}") List<String> topics) {
        return builder -> topics.stream()
                .map(String::trim)
                .filter(topic -> !topic.isEmpty())
                .forEach(topic -> builder.handler(topic, List.of(), (task, context) -> {}));
    }
}
