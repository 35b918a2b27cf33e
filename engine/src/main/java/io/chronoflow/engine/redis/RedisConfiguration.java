package io.chronoflow.engine.redis;

import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.worker.redis.RedisEndpoint;
import java.util.Optional;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Redisson client the engine uses for the worker registry and locks, on a configured or an embedded Redis. */
@Configuration
public class RedisConfiguration {

    /** Holds the embedded server, if any, so it outlives the client that talks to it. */
    record RedisServerHandle(Optional<EmbeddedRedis> embedded, String url) implements AutoCloseable {
        @Override
        public void close() {
            embedded.ifPresent(EmbeddedRedis::close);
        }
    }

    @Bean
    RedisServerHandle redisServer(ChronoflowProperties properties) {
        if (properties.redis().embedded()) {
            EmbeddedRedis embedded = EmbeddedRedis.start();
            return new RedisServerHandle(Optional.of(embedded), embedded.url());
        }
        return new RedisServerHandle(Optional.empty(), properties.redis().url());
    }

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(RedisServerHandle server, ChronoflowProperties properties) {
        Config config = RedisEndpoint.parse(server.url(), "chronoflow.redis.url")
                .toConfig(16, properties.redis().connectTimeout());
        // Locks held with Redisson's watchdog (the leader lease) expire this long after their holder died.
        config.setLockWatchdogTimeout(10_000);
        return Redisson.create(config);
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(RedissonClient redisson) {
        return new RedisHealthIndicator(redisson);
    }
}
