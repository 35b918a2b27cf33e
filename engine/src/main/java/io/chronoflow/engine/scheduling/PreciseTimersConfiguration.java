package io.chronoflow.engine.scheduling;

import static org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.util.Optional;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * Precise timers ({@code chronoflow.timers.precise}, on by default): replaces the Camunda starter's job executor with
 * a {@link PreciseJobExecutor}, configured from the same {@code camunda.bpm.job-execution.*} properties, and connects
 * the engine nodes through a Redis channel on which each announces the timers it schedules. With it off, the engine
 * acquires jobs as stock Camunda does.
 */
@Configuration
@ConditionalOnProperty(prefix = "chronoflow.timers", name = "precise", havingValue = "true", matchIfMissing = true)
public class PreciseTimersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PreciseTimersConfiguration.class);

    @Bean
    PreciseJobExecutor jobExecutor(
            @Qualifier(CAMUNDA_TASK_EXECUTOR_QUALIFIER) TaskExecutor taskExecutor,
            CamundaBpmProperties properties,
            ObjectProvider<JobLocks> jobLocks) {
        PreciseJobExecutor executor = new PreciseJobExecutor();
        executor.releaseLocksWith(owner -> {
            try {
                int released = jobLocks.getObject().release(owner);
                if (released > 0) {
                    log.info("handed back {} acquired job(s) on shutdown", released);
                }
            } catch (RuntimeException e) {
                log.warn(
                        "CF-SCHED-004 acquired jobs not handed back on shutdown; they run after their lock time: {}",
                        e.toString());
            }
        });
        executor.setTaskExecutor(taskExecutor);
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty settings = properties.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        return executor;
    }

    @Bean(destroyMethod = "close")
    TimerAnnouncements timerAnnouncements(
            PreciseJobExecutor executor, RedissonClient redisson, ChronoflowProperties properties) {
        return new TimerAnnouncements(executor, redisson, properties.redis().keyPrefix());
    }
}
