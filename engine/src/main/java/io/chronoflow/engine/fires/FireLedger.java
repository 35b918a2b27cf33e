package io.chronoflow.engine.fires;

import io.chronoflow.engine.cluster.EngineNodeId;
import io.chronoflow.engine.config.ChronoflowProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records timer fires in the ledger from inside the engine's transaction that fires them: a run is started only after
 * its fire (job key, due time) has been claimed, and the database's unique key on that pair refuses a second claim,
 * so two nodes racing for the same fire start one run between them. Fires that start no run (skipped by a policy,
 * queued) are recorded with their reason. Each recorded fire counts in {@code chronoflow_fires_total{job_key,status}}
 * once its transaction commits.
 */
@Component
public class FireLedger {

    private static final Logger log = LoggerFactory.getLogger(FireLedger.class);

    private final MeterRegistry meters;
    private final String node;
    private final boolean enabled;
    private final long lateThresholdMillis;
    private final Set<String> countedJobs = ConcurrentHashMap.newKeySet();

    public FireLedger(MeterRegistry meters, EngineNodeId node, ChronoflowProperties properties) {
        this.meters = meters;
        this.node = node.value();
        this.enabled = properties.fireAudit().enabled();
        this.lateThresholdMillis = properties.fireAudit().lateThreshold().toMillis();
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Claims the fire of {@code jobKey} due at {@code due} for a run starting at {@code now}. True: start the run and
     * then call {@link #runStarted}. False: the fire has a run already; this second one is refused and counted.
     */
    public boolean claim(CommandContext context, String jobKey, Instant due, Instant now) {
        long lag = Math.max(0, Duration.between(due, now).toMillis());
        FireStatus status = FireStatus.started(lag, lateThresholdMillis);
        FireTable.Row row = new FireTable.Row(jobKey, due, status, null, null, now, lag, node, now);
        try {
            Connection connection = connection(context);
            if (FireTable.insertIfAbsent(connection, row) || FireTable.claimWithoutRun(connection, row)) {
                countAfterCommit(context, jobKey, status, 1);
                return true;
            }
            FireTable.countDuplicate(connection, jobKey, due, now);
        } catch (SQLException e) {
            throw new ProcessEngineException("could not record the fire of job " + jobKey + " due " + due, e);
        }
        countAfterCommit(context, jobKey, FireStatus.DUPLICATE_REFUSED, 1);
        log.warn(
                "CF-FIRE-001 job {}: a second run of the fire due {} was refused; the fire has its run already",
                jobKey,
                due);
        return false;
    }

    /**
     * Starts the run of a fire once its claim succeeds ({@code start} returns the run's id, null if it started none)
     * and records it; a fire that has its run already starts nothing. True if the run started.
     */
    public boolean startRun(CommandContext context, String jobKey, Instant due, Instant now, Supplier<String> start) {
        if (!claim(context, jobKey, due, now)) {
            return false;
        }
        String runId = start.get();
        if (runId != null) {
            runStarted(context, jobKey, due, runId);
        }
        return true;
    }

    /** Records the run a claimed fire started. */
    public void runStarted(CommandContext context, String jobKey, Instant due, String runId) {
        try {
            FireTable.setRun(connection(context), jobKey, due, runId);
        } catch (SQLException e) {
            throw new ProcessEngineException("could not record the run of job " + jobKey + " due " + due, e);
        }
    }

    /**
     * Records fires that start no run now: {@code status} (skipped by policy, queued) with its reason, or paused for
     * those due while the job was paused. Fires already in the ledger keep their record.
     */
    public void notRun(
            CommandContext context, String jobKey, List<Instant> dues, FireStatus status, String reason, Instant now) {
        if (dues.isEmpty()) {
            return;
        }
        try {
            Connection connection = connection(context);
            List<FireTable.PauseWindow> pauses =
                    FireTable.pauses(connection, jobKey, dues.get(0), dues.get(dues.size() - 1));
            int asStatus = 0;
            int paused = 0;
            for (Instant due : dues) {
                boolean inPause = FireTable.PauseWindow.anyContains(pauses, due);
                FireTable.Row row = new FireTable.Row(
                        jobKey,
                        due,
                        inPause ? FireStatus.PAUSED : status,
                        inPause ? null : reason,
                        null,
                        null,
                        null,
                        node,
                        now);
                if (FireTable.insertIfAbsent(connection, row)) {
                    if (inPause) {
                        paused++;
                    } else {
                        asStatus++;
                    }
                }
            }
            countAfterCommit(context, jobKey, status, asStatus);
            countAfterCommit(context, jobKey, FireStatus.PAUSED, paused);
        } catch (SQLException e) {
            throw new ProcessEngineException("could not record the fires of job " + jobKey, e);
        }
    }

    /**
     * Counts {@code n} fires of a status in {@code chronoflow_fires_total}. A job's first count registers every status
     * of it at 0, so that its first missed or late fire is an increase Prometheus can see, not a new series.
     */
    void count(String jobKey, FireStatus status, int n) {
        if (countedJobs.add(jobKey)) {
            for (FireStatus each : FireStatus.values()) {
                counter(jobKey, each);
            }
        }
        if (n > 0) {
            counter(jobKey, status).increment(n);
        }
    }

    private Counter counter(String jobKey, FireStatus status) {
        return Counter.builder("chronoflow.fires")
                .description("Expected timer fires by job and how they went (docs/fire-audit.md)")
                .tag("job_key", jobKey)
                .tag("status", status.id())
                .register(meters);
    }

    private void countAfterCommit(CommandContext context, String jobKey, FireStatus status, int n) {
        if (n > 0) {
            context.getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, committed -> count(jobKey, status, n));
        }
    }

    private static Connection connection(CommandContext context) {
        return context.getDbSqlSession().getSqlSession().getConnection();
    }
}
