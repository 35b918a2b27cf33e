package io.chronoflow.engine.redis;

import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Reports whether every Redis node Redisson knows answers a PING within a second. */
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final RedissonClient redisson;

    RedisHealthIndicator(RedissonClient redisson) {
        super("Redis health check failed");
        this.redisson = redisson;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = redisson.getRedisNodes(RedisNodes.SINGLE).pingAll(1, TimeUnit.SECONDS);
        (up ? builder.up() : builder.down()).withDetail("nodes", "single");
    }
}
