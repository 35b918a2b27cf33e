package io.chronoflow.engine.security;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends lockouts: the engine locks a user after {@code chronoflow.security.login.max-attempts} wrong passwords until an
 * admin unlocks it; every minute, this unlocks the users whose last failed attempt is older than {@code
 * chronoflow.security.login.lockout} (zero keeps the engine's behaviour). Idempotent, so every node may run it.
 */
@Component
public class LoginLockouts {

    private static final Logger log = LoggerFactory.getLogger(LoginLockouts.class);

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final ChronoflowProperties.Login settings;
    private final Clock clock;

    public LoginLockouts(JdbcTemplate jdbc, IdentityService identity, ChronoflowProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.settings = properties.security().login();
        this.clock = clock;
    }

    /** Unlocks the users whose lockout has run out; returns their ids. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public List<String> unlockExpired() {
        Duration lockout = settings.lockout();
        if (lockout.isZero() || lockout.isNegative()) {
            return List.of();
        }
        // The engine sets LOCK_EXP_TIME_ at each counted failure (to the end of that failure's delay).
        List<String> expired = jdbc.queryForList(
                "SELECT ID_ FROM ACT_ID_USER WHERE ATTEMPTS_ >= ? AND LOCK_EXP_TIME_ < ?",
                String.class,
                settings.maxAttempts(),
                Timestamp.from(clock.instant().minus(lockout)));
        for (String user : expired) {
            identity.unlockUser(user);
            log.info("CF-SEC-002 user '{}' unlocked: its lockout of {} has run out", user, lockout);
        }
        return expired;
    }
}
