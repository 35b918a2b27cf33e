package io.chronoflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisAddressTest {

    @Test
    void plainUrlGetsTheDefaultPortAndDatabase() {
        RedisAddress address = RedisAddress.parse("redis://cache.internal");

        assertThat(address).isEqualTo(new RedisAddress("redis://cache.internal:6379", null, null, 0));
    }

    @Test
    void credentialsDatabaseAndTlsAreSplitOut() {
        RedisAddress address = RedisAddress.parse("rediss://chronoflow:p%40ss@10.0.0.5:6380/3");

        assertThat(address.address()).isEqualTo("rediss://10.0.0.5:6380");
        assertThat(address.username()).isEqualTo("chronoflow");
        assertThat(address.password()).isEqualTo("p@ss");
        assertThat(address.database()).isEqualTo(3);
    }

    @Test
    void passwordOnlyUserInfoIsThePassword() {
        RedisAddress address = RedisAddress.parse("redis://:only-password@localhost:6379");

        assertThat(address.username()).isNull();
        assertThat(address.password()).isEqualTo("only-password");
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> RedisAddress.parse("http://user:topsecret@host"))
                .hasMessageContaining("chronoflow.redis.url")
                .hasMessageContaining("redis://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> RedisAddress.parse("redis://host/not-a-number"))
                .hasMessageContaining("database number");
        assertThatThrownBy(() -> RedisAddress.parse("redis:///0")).hasMessageContaining("no host");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(RedisAddress.parse("redis://:topsecret@host").toString()).doesNotContain("topsecret");
    }
}
