package io.chronoflow.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;

/**
 * The Camunda engine's own metrics (jobs acquired, executed, failed; activity instances started; root process
 * instances; decision elements; …) as {@code camunda_engine_events_total{name}}. The engine counts these in memory and
 * writes them to its database every 15 minutes; each of its meters is replaced by one that also counts in Micrometer,
 * so Prometheus sees them per node and at once, while the engine's own reporting goes on unchanged.
 */
final class EngineEventCounters {

    private EngineEventCounters() {}

    static void bind(MetricsRegistry engineMetrics, MeterRegistry meters) {
        Map<String, Meter> dbMeters = engineMetrics.getDbMeters();
        for (Map.Entry<String, Meter> meter : dbMeters.entrySet()) {
            Counter counter = Counter.builder("camunda.engine.events")
                    .description("The Camunda engine's own metrics on this node, by name")
                    .tag("name", meter.getKey())
                    .register(meters);
            meter.setValue(new CountingMeter(meter.getValue(), counter));
        }
    }

    /** A Camunda meter that also counts in Micrometer; what the engine reads and clears stays its own. */
    private static final class CountingMeter extends Meter {

        private final Counter counter;

        CountingMeter(Meter original, Counter counter) {
            super(original.getName());
            this.counter = counter;
            super.markTimes(original.get());
        }

        @Override
        public void mark() {
            super.mark();
            counter.increment();
        }

        @Override
        public void markTimes(long times) {
            super.markTimes(times);
            counter.increment(times);
        }
    }
}
