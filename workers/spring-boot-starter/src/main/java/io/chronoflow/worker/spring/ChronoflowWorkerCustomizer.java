package io.chronoflow.worker.spring;

import io.chronoflow.worker.ChronoflowWorker;

/**
 * Adjusts the auto-configured worker before it is built, e.g. to add the handlers of a whole service at once (for one
 * handler per topic, a {@code TaskHandler} bean with {@link TopicHandler} is simpler).
 */
@FunctionalInterface
public interface ChronoflowWorkerCustomizer {

    void customize(ChronoflowWorker.Builder builder);
}
