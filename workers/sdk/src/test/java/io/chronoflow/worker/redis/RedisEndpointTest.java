package io.chronoflow.worker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.config.Config;

class RedisEndpointTest {

    private static RedisEndpoint parse(String url) {
        return RedisEndpoint.parse(url, "chronoflow.redis.url");
    }

    @Test
    void plainUrlGetsTheDefaultPortAndDatabase() {
        assertThat(parse("redis://cache.internal"))
                .isEqualTo(new RedisEndpoint(
                        RedisEndpoint.Mode.SINGLE, List.of("redis://cache.internal:6379"), null, null, null, 0));
    }

    @Test
    void credentialsDatabaseAndTlsAreSplitOut() {
        RedisEndpoint endpoint = parse("rediss://chronoflow:p%40ss@10.0.0.5:6380/3");

        assertThat(endpoint.nodes()).containsExactly("rediss://10.0.0.5:6380");
        assertThat(endpoint.username()).isEqualTo("chronoflow");
        assertThat(endpoint.password()).isEqualTo("p@ss");
        assertThat(endpoint.database()).isEqualTo(3);
    }

    @Test
    void passwordOnlyUserInfoIsThePassword() {
        RedisEndpoint endpoint = parse("redis://:only-password@localhost:6379");

        assertThat(endpoint.username()).isNull();
        assertThat(endpoint.password()).isEqualTo("only-password");
    }

    @Test
    void sentinelUrlsNameTheSentinelsAndTheMaster() {
        RedisEndpoint endpoint = parse("redis-sentinel://:pw@s1:26379,s2,s3:26380/mymaster/2");

        assertThat(endpoint.mode()).isEqualTo(RedisEndpoint.Mode.SENTINEL);
        assertThat(endpoint.nodes()).containsExactly("redis://s1:26379", "redis://s2:26379", "redis://s3:26380");
        assertThat(endpoint.master()).isEqualTo("mymaster");
        assertThat(endpoint.database()).isEqualTo(2);
        assertThat(endpoint.password()).isEqualTo("pw");
        Config config = endpoint.toConfig(8, Duration.ofSeconds(3));
        assertThat(config.isSentinelConfig()).isTrue();
        assertThat(config.useSentinelServers().getMasterName()).isEqualTo("mymaster");
        assertThat(config.useSentinelServers().getConnectTimeout()).isEqualTo(3000);
    }

    @Test
    void clusterUrlsNameTheSeedNodes() {
        RedisEndpoint endpoint = parse("rediss-cluster://n1:7000,n2:7001");

        assertThat(endpoint.mode()).isEqualTo(RedisEndpoint.Mode.CLUSTER);
        assertThat(endpoint.nodes()).containsExactly("rediss://n1:7000", "rediss://n2:7001");
        assertThat(endpoint.toConfig(8, Duration.ofSeconds(3)).isClusterConfig())
                .isTrue();
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> parse("http://user:topsecret@host"))
                .hasMessageContaining("chronoflow.redis.url")
                .hasMessageContaining("redis://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> parse("redis://host/not-a-number")).hasMessageContaining("database number");
        assertThatThrownBy(() -> parse("redis:///0")).hasMessageContaining("no host");
        assertThatThrownBy(() -> parse("redis://a:1,b:2")).hasMessageContaining("one host only");
        assertThatThrownBy(() -> parse("redis-sentinel://:topsecret@s1:26379"))
                .hasMessageContaining("names the master")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000/1")).hasMessageContaining("no database number");
        assertThatThrownBy(() -> parse("redis://host:port")).hasMessageContaining("port is not a number");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(parse("redis://:topsecret@host").toString()).doesNotContain("topsecret");
    }
}
