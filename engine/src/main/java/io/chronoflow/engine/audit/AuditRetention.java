package io.chronoflow.engine.audit;

import io.chronoflow.engine.cluster.LeaderLease;
import io.chronoflow.engine.config.ChronoflowProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes audit-log entries older than {@code chronoflow.audit.retention}, hourly, on the node holding the leader lease. */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditLog auditLog;
    private final Duration retention;
    private final Clock clock;
    private final LeaderLease lease;

    public AuditRetention(AuditLog auditLog, ChronoflowProperties properties, Clock clock, LeaderLease lease) {
        this.auditLog = auditLog;
        this.retention = properties.audit().retention();
        this.clock = clock;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeOnTheLeader() {
        if (lease.isLeader()) {
            purge();
        }
    }

    /** Deletes the entries older than the retention; returns how many. */
    public int purge() {
        int deleted = auditLog.purgeBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("purged {} audit-log entries older than {}", deleted, retention);
        }
        return deleted;
    }
}
