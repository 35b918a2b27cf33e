package io.chronoflow.worker.spring;

import io.chronoflow.worker.ChronoflowWorker;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.http.HttpTask;
import io.chronoflow.worker.http.SecretSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds one {@link ChronoflowWorker} from {@code chronoflow.worker.*} and every {@link TaskHandler} bean annotated
 * with {@link TopicHandler}, starts it when the context is ready and stops it gracefully (before the web server) when
 * the context closes. With {@code chronoflow.worker.http.enabled=true} it also serves the built-in HTTP task
 * ({@value HttpTask#TOPIC}), resolving secrets through the {@link SecretSource} bean (default: the environment).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration"
        })
@EnableConfigurationProperties(ChronoflowWorkerProperties.class)
@ConditionalOnProperty(name = "chronoflow.worker.enabled", havingValue = "true", matchIfMissing = true)
public class ChronoflowWorkerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ChronoflowWorker chronoflowWorker(
            ChronoflowWorkerProperties properties, ApplicationContext context, ObjectProvider<MeterRegistry> meters) {
        ChronoflowWorker.Builder builder = ChronoflowWorker.builder()
                .engineUrl(properties.getEngineUrl().toArray(String[]::new))
                .weight(properties.getWeight())
                .capacity(properties.getCapacity())
                .tags(properties.getTags().toArray(String[]::new))
                .lockDuration(properties.getLockDuration())
                .longPoll(properties.getLongPoll())
                .shutdownGrace(properties.getShutdownGrace())
                .retries(properties.getRetries(), properties.getRetryBackoff())
                .heartbeat(properties.getHeartbeatInterval(), properties.getHeartbeatTtl())
                .shardLock(properties.getShardLockWait(), properties.getShardLockLease())
                .keyPrefix(properties.getKeyPrefix())
                .routed(properties.isRouted());
        if (properties.getId() != null && !properties.getId().isBlank()) {
            builder.workerId(properties.getId());
        }
        if (properties.getToken() != null && !properties.getToken().isBlank()) {
            builder.token(properties.getToken());
        } else if (properties.getUser() != null && !properties.getUser().isBlank()) {
            builder.basicAuth(properties.getUser(), properties.getPassword());
        }
        if (properties.getRedisUrl() != null && !properties.getRedisUrl().isBlank()) {
            builder.redisUrl(properties.getRedisUrl());
        }
        meters.ifAvailable(builder::meterRegistry);
        for (Map.Entry<String, TaskHandler> bean :
                context.getBeansOfType(TaskHandler.class).entrySet()) {
            TopicHandler topic = context.findAnnotationOnBean(bean.getKey(), TopicHandler.class);
            if (topic == null) {
                throw new IllegalStateException(
                        "TaskHandler bean '" + bean.getKey() + "' has no @TopicHandler naming its topic");
            }
            builder.handler(topic.value(), bean.getValue());
        }
        context.getBeanProvider(ChronoflowWorkerCustomizer.class)
                .orderedStream()
                .forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Bean
    SmartLifecycle chronoflowWorkerLifecycle(ChronoflowWorker worker) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                worker.start();
                running = true;
            }

            @Override
            public void stop() {
                worker.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // Start last and stop first: after the web server starts, before it stops.
                return Integer.MAX_VALUE;
            }
        };
    }

    /** The built-in HTTP task, opt-in: {@code chronoflow.worker.http.enabled=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chronoflow.worker.http.enabled", havingValue = "true")
    static class HttpTaskConfiguration {

        /** Secrets referenced as {@code ${secret:NAME}}: the environment variable {@code CHRONOFLOW_SECRET_NAME}. */
        @Bean
        @ConditionalOnMissingBean
        SecretSource chronoflowSecrets() {
            return SecretSource.environment();
        }

        @Bean
        @TopicHandler(HttpTask.TOPIC)
        HttpTask chronoflowHttpTask(SecretSource secrets) {
            return new HttpTask(secrets);
        }
    }
}
