package io.chronoflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.testkit.RedisServer;
import io.chronoflow.testkit.ServiceProcess;
import io.chronoflow.worker.redis.RedisEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;

/**
 * A {@code redis-sentinel://} URL reaches the master its sentinel monitors: a Redis and a Sentinel of the test's own
 * (the local {@code redis-server}, in sentinel mode for the second), and the Redisson client Chronoflow builds from
 * the URL takes a fenced lock — the shard lock's primitive — through it.
 */
class RedisSentinelIT {

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(Process::destroyForcibly);
    }

    @Test
    void aSentinelUrlReachesTheMonitoredMaster() throws Exception {
        int masterPort = ServiceProcess.freePort();
        servers.add(RedisServer.start(masterPort, dir, "master"));
        int sentinelPort = ServiceProcess.freePort();
        Path sentinelConf =
                Files.writeString(dir.resolve("sentinel.conf"), """
                port %d
                bind 127.0.0.1
                dir %s
                sentinel monitor cfmaster 127.0.0.1 %d 1
                sentinel down-after-milliseconds cfmaster 2000
                """.formatted(sentinelPort, dir, masterPort));
        start("sentinel", "redis-server", sentinelConf.toString(), "--sentinel");

        RedisEndpoint endpoint =
                RedisEndpoint.parse("redis-sentinel://127.0.0.1:" + sentinelPort + "/cfmaster", "chronoflow.redis.url");
        RedissonClient redisson = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> Redisson.create(endpoint.toConfig(4, Duration.ofSeconds(2))), client -> client != null);
        try {
            RFencedLock lock = redisson.getFencedLock("cf-sentinel-it:shard:0");
            Long token = lock.tryLockAndGetToken();
            assertThat(token)
                    .as("fencing token through the sentinel's master")
                    .isNotNull()
                    .isPositive();
            lock.unlock();
            assertThat(redisson.getFencedLock("cf-sentinel-it:shard:0").tryLockAndGetToken())
                    .as("the next holder gets a larger token")
                    .isGreaterThan(token);
        } finally {
            redisson.shutdown();
        }
    }

    private void start(String name, String... command) throws IOException {
        servers.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start());
    }
}
