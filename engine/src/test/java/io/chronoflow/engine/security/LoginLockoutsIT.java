package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.testkit.EngineHttp;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A user locked after too many wrong passwords is unlocked once the lockout (15 min by default) has run out. */
class LoginLockoutsIT extends EngineIntegrationTest {

    private static final String PASSWORD = "lockout-password-1234";

    @Autowired
    IdentityService identityService;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginLockouts lockouts;

    private EngineHttp lockedUser(String id, Instant lastFailure) {
        User user = identityService.newUser(id);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        // As the engine leaves a user after the tenth wrong password.
        jdbc.update(
                "UPDATE ACT_ID_USER SET ATTEMPTS_ = 10, LOCK_EXP_TIME_ = ? WHERE ID_ = ?",
                Timestamp.from(lastFailure),
                id);
        return EngineHttp.basic(baseUrl(), id, PASSWORD);
    }

    @Test
    void aLockoutEndsWhenItsTimeHasRunOutNotBefore() {
        EngineHttp old = lockedUser("itlockedlongago", Instant.now().minus(Duration.ofHours(1)));
        EngineHttp recent = lockedUser("itlockednow", Instant.now());
        try {
            assertThat(old.get("/engine-rest/engine").statusCode()).as("locked").isEqualTo(401);
            assertThat(recent.get("/engine-rest/engine").statusCode())
                    .as("locked")
                    .isEqualTo(401);

            assertThat(lockouts.unlockExpired()).contains("itlockedlongago").doesNotContain("itlockednow");

            assertThat(old.get("/engine-rest/engine").statusCode()).isEqualTo(200);
            assertThat(recent.get("/engine-rest/engine").statusCode())
                    .as("still locked")
                    .isEqualTo(401);
        } finally {
            identityService.deleteUser("itlockedlongago");
            identityService.deleteUser("itlockednow");
        }
    }
}
