package io.chronoflow.engine.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.worker.registry.RegistryKeys;
import io.chronoflow.worker.registry.WorkerDirectory;
import org.redisson.api.RedissonClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's view of the worker registry that workers keep in Redis. */
@Configuration
public class RegistryConfiguration {

    @Bean
    WorkerDirectory workerDirectory(RedissonClient redisson, ChronoflowProperties properties, ObjectMapper json) {
        return new WorkerDirectory(redisson, new RegistryKeys(properties.redis().keyPrefix()), json);
    }
}
