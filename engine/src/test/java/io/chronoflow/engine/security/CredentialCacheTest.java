package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class CredentialCacheTest {

    private static Authentication authenticated(String user) {
        return UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_operator")));
    }

    @Test
    void aCheckedCredentialIsKnownOnlyWithTheSamePassword() {
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
        Authentication alice = authenticated("alice");
        cache.put("alice", "s3cret-1", alice);

        assertThat(cache.get("alice", "s3cret-1")).containsSame(alice);
        assertThat(cache.get("alice", "s3cret-2")).isEmpty();
        assertThat(cache.get("bob", "s3cret-1")).isEmpty();
    }

    @Test
    void aUserNameCannotBorrowAnotherUsersEntryThroughTheSeparator() {
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
        cache.put("al", "x", authenticated("al"));

        assertThat(cache.get("al\u0000", "x")).isEmpty();
    }

    @Test
    void forgetAllMakesEveryCredentialBeCheckedAgain() {
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(1));
        cache.put("alice", "s3cret-1", authenticated("alice"));
        cache.put("worker:w1", "token", authenticated("worker:w1"));

        cache.forgetAll();

        assertThat(cache.get("alice", "s3cret-1")).isEmpty();
        assertThat(cache.get("worker:w1", "token")).isEmpty();
    }

    @Test
    void aZeroTimeToLiveKeepsNothing() {
        CredentialCache cache = new CredentialCache(Duration.ZERO);
        cache.put("alice", "s3cret-1", authenticated("alice"));

        assertThat(cache.get("alice", "s3cret-1")).isEmpty();
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() throws InterruptedException {
        CredentialCache cache = new CredentialCache(Duration.ofMillis(50));
        cache.put("alice", "s3cret-1", authenticated("alice"));

        Thread.sleep(200);

        assertThat(cache.get("alice", "s3cret-1")).isEmpty();
    }
}
