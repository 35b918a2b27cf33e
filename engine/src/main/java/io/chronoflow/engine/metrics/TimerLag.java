package io.chronoflow.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Records {@code chronoflow_timer_lag_seconds{job}}: for every fire of a job's timer start event, how long after its due
 * time the engine started the run. Called by the scheduling's timer-start handler, so it sees exactly the fires the job
 * executor performs, on whichever node performs them.
 */
@Component
public class TimerLag {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Timer> byJob = new HashMap<>();

    public TimerLag(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Records the fire of the job the job executor is running now; fires through the API are not timer fires. */
    public void record(JobExecutorContext jobContext) {
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        if (job == null || job.getDuedate() == null) {
            return; // executed through the API (e.g. "execute job" in Cockpit), not fired by the job executor
        }
        String jobKey = job.getProcessDefinitionKey() == null ? "unknown" : job.getProcessDefinitionKey();
        Duration lag = Duration.between(job.getDuedate().toInstant(), clock.instant());
        timer(jobKey).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    private synchronized Timer timer(String jobKey) {
        return byJob.computeIfAbsent(
                jobKey,
                k -> Timer.builder("chronoflow.timer.lag")
                        .description("How long after its due time a timer fired (run started), by job")
                        .tag("job_key", k)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(5))
                        .register(meters));
    }
}
