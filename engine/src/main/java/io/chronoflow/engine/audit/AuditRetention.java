package io.chronoflow.engine.audit;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes audit-log entries older than {@code chronoflow.audit.retention}, hourly (idempotent on every node). */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditLog auditLog;
    private final Duration retention;
    private final Clock clock;

    public AuditRetention(AuditLog auditLog, ChronoflowProperties properties, Clock clock) {
        this.auditLog = auditLog;
        this.retention = properties.audit().retention();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public int purge() {
        int deleted = auditLog.purgeBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("purged {} audit-log entries older than {}", deleted, retention);
        }
        return deleted;
    }
}
