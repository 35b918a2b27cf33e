package io.chronoflow.engine.fires;

import io.chronoflow.engine.cluster.EngineNodeId;
import io.chronoflow.engine.cluster.LeaderLease;
import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.engine.scheduling.Schedule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles every job's expected fires with the ledger, on the leader only: walks each timer job's schedule (the
 * cycle its pending start timer carries, with its time zone) from where the last pass stopped up to {@code now −
 * grace}, and classifies each expected fire the ledger has no record of as {@code paused} (due while the job was
 * paused) or {@code missed}. Fires that ran, and fires a policy skipped, were recorded as they happened. How far each
 * job is reconciled is kept in {@code cf_fire_watermark}, so passes resume where they stopped on any node, after any
 * restart. Also deletes ledger rows older than the retention, hourly.
 */
@Component
public class FireReconciliation {

    private static final Logger log = LoggerFactory.getLogger(FireReconciliation.class);
    /** Expected fires one pass classifies per job at most; a job further behind catches up over the next passes. */
    static final int MAX_FIRES_PER_PASS = 20_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LeaderLease lease;
    private final FireLedger ledger;
    private final JobPauses pauses;
    private final ProcessEngine engine;
    private final Clock clock;
    private final ChronoflowProperties.FireAudit settings;
    private final String node;
    private final Map<String, Boolean> startInserted = new ConcurrentHashMap<>();
    private Instant lastPass = Instant.MIN;

    public FireReconciliation(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            LeaderLease lease,
            FireLedger ledger,
            JobPauses pauses,
            ProcessEngine engine,
            Clock clock,
            ChronoflowProperties properties,
            EngineNodeId node) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.lease = lease;
        this.ledger = ledger;
        this.pauses = pauses;
        this.engine = engine;
        this.clock = clock;
        this.settings = properties.fireAudit();
        this.node = node.value();
    }

    /** A job's pending start timer as the engine keeps it. */
    record StartTimer(
            String jobKey, String definitionId, String repeat, Instant due, boolean suspended, Instant deployed) {}

    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT5S")
    void passOnTheLeader() {
        Instant now = clock.instant();
        if (!settings.enabled() || !lease.isLeader() || now.isBefore(lastPass.plus(settings.interval()))) {
            return;
        }
        lastPass = now;
        try {
            reconcile(now);
        } catch (RuntimeException e) {
            log.warn("CF-FIRE-002 fire reconciliation failed, next pass in {}: {}", settings.interval(), e.toString());
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeOnTheLeader() {
        if (settings.enabled() && lease.isLeader()) {
            purge(clock.instant());
        }
    }

    /**
     * One pass as of {@code now}: classifies every expected fire due up to {@code now − grace} that the ledger has no
     * record of. Returns how many fires it classified, by status.
     */
    public Map<FireStatus, Integer> reconcile(Instant now) {
        return reconcile(now, jobKey -> true);
    }

    /**
     * {@link #reconcile(Instant)} for the jobs {@code jobs} accepts only. The whole pass is one transaction: its cost
     * does not grow with the number of fires (see docs/fire-audit.md).
     */
    synchronized Map<FireStatus, Integer> reconcile(Instant now, Predicate<String> jobs) {
        Instant until = now.minus(settings.grace());
        Map<String, Map<FireStatus, Integer>> byJob = transactions.execute(tx -> pass(now, until, jobs));
        Map<FireStatus, Integer> classified = new EnumMap<>(FireStatus.class);
        byJob.forEach((jobKey, ofJob) -> {
            ledger.count(jobKey, FireStatus.MISSED, 0);
            ofJob.forEach((status, n) -> {
                ledger.count(jobKey, status, n);
                classified.merge(status, n, Integer::sum);
            });
        });
        if (!classified.isEmpty()) {
            log.info("fire reconciliation up to {}: {}", until, classified);
        }
        return classified;
    }

    private Map<String, Map<FireStatus, Integer>> pass(Instant now, Instant until, Predicate<String> jobs) {
        Instant ledgerStart = jdbc.queryForObject(
                "SELECT MIN(started_at) FROM cf_fire_audit_start", (rows, n) -> FireTable.instant(rows, 1));
        Set<String> paused = pauses.pausedJobs();
        Map<String, Instant> watermarks = new HashMap<>();
        jdbc.query("SELECT job_key, reconciled_until FROM cf_fire_watermark", rows -> {
            watermarks.put(rows.getString(1), FireTable.instant(rows, 2));
        });
        Map<String, Map<FireStatus, Integer>> byJob = new LinkedHashMap<>();
        startTimers().forEach((jobKey, timers) -> {
            if (!jobs.test(jobKey)) {
                return;
            }
            syncPause(jobKey, timers, paused.contains(jobKey), now);
            Instant deployed = timers.stream()
                    .map(StartTimer::deployed)
                    .min(Instant::compareTo)
                    .orElseThrow();
            Instant from = watermarks.getOrDefault(
                    jobKey, ledgerStart == null || deployed.isAfter(ledgerStart) ? deployed : ledgerStart);
            if (from.isBefore(until)) {
                byJob.put(jobKey, reconcileJob(jobKey, timers, from, until, now, watermarks.containsKey(jobKey)));
            }
        });
        return byJob;
    }

    /** Deletes ledger rows of fires due before the retention, and pauses that ended before it; returns the rows. */
    public int purge(Instant now) {
        Instant before = now.minus(settings.retention());
        int fires = jdbc.update("DELETE FROM cf_fire WHERE due_at < ?", FireTable.time(before));
        jdbc.update("DELETE FROM cf_job_pause WHERE resumed_at < ?", FireTable.time(before));
        if (fires > 0) {
            log.info("purged {} fire-ledger rows due before {}", fires, before);
        }
        return fires;
    }

    private Map<String, List<StartTimer>> startTimers() {
        Map<String, List<StartTimer>> byJob = new LinkedHashMap<>();
        jdbc.query(
                "SELECT j.PROCESS_DEF_KEY_, j.PROCESS_DEF_ID_, j.REPEAT_, j.DUEDATE_, j.SUSPENSION_STATE_,"
                        + " d.DEPLOY_TIME_"
                        + " FROM ACT_RU_JOB j JOIN ACT_RE_PROCDEF p ON p.ID_ = j.PROCESS_DEF_ID_"
                        + " JOIN ACT_RE_DEPLOYMENT d ON d.ID_ = p.DEPLOYMENT_ID_"
                        + " WHERE j.HANDLER_TYPE_ = ? AND j.PROCESS_DEF_KEY_ IS NOT NULL",
                rows -> {
                    String key = rows.getString(1);
                    byJob.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new StartTimer(
                                    key,
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getTimestamp(4) == null
                                            ? null
                                            : rows.getTimestamp(4).toInstant(),
                                    rows.getInt(5) == 2,
                                    rows.getTimestamp(6).toInstant()));
                },
                TimerStartEventJobHandler.TYPE);
        return byJob;
    }

    /** Notices pauses made without the jobs API (the definition suspended through /engine-rest or Cockpit). */
    private void syncPause(String jobKey, List<StartTimer> timers, boolean recorded, Instant now) {
        boolean suspended = timers.stream().allMatch(StartTimer::suspended);
        if (suspended && !recorded) {
            pauses.paused(jobKey, now);
            log.info("job {} is paused (noticed by reconciliation); its fires from now on count as paused", jobKey);
        } else if (!suspended && recorded) {
            pauses.resumed(jobKey, now);
        }
    }

    private Map<FireStatus, Integer> reconcileJob(
            String jobKey, List<StartTimer> timers, Instant from, Instant until, Instant now, boolean hasWatermark) {
        Map<FireStatus, Integer> classified = new EnumMap<>(FireStatus.class);
        List<Instant> expected = expected(timers, from, until);
        if (expected.isEmpty() && hasWatermark) {
            return classified; // nothing due since the last pass: the next one starts from the same place
        }
        Instant reached = expected.size() >= MAX_FIRES_PER_PASS ? expected.get(expected.size() - 1) : until;
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Set<Instant> recorded = FireTable.recorded(connection, jobKey, from, reached);
            List<FireTable.PauseWindow> windows = FireTable.pauses(connection, jobKey, from, reached);
            for (Instant due : expected) {
                if (recorded.contains(due)) {
                    continue;
                }
                FireStatus status =
                        FireTable.PauseWindow.anyContains(windows, due) ? FireStatus.PAUSED : FireStatus.MISSED;
                if (FireTable.insertIfAbsent(
                        connection, new FireTable.Row(jobKey, due, status, null, null, null, null, node, now))) {
                    classified.merge(status, 1, Integer::sum);
                    if (status == FireStatus.MISSED) {
                        log.warn("CF-FIRE-003 job {}: the fire due {} has not run (missed)", jobKey, due);
                    }
                }
            }
            setWatermark(connection, jobKey, reached);
            return null;
        });
        return classified;
    }

    /** The fires the job's start timers make in {@code (from, until]}, oldest first, at most {@link #MAX_FIRES_PER_PASS}. */
    private List<Instant> expected(List<StartTimer> timers, Instant from, Instant until) {
        BusinessCalendar calendar = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getBusinessCalendarManager()
                .getBusinessCalendar(CycleBusinessCalendar.NAME);
        List<Instant> fires = new ArrayList<>();
        for (StartTimer timer : timers) {
            fires.addAll(ExpectedFires.of(
                    timer.repeat(), timer.due(), startInserted(timer), from, until, calendar, MAX_FIRES_PER_PASS));
        }
        return fires.stream().distinct().sorted().limit(MAX_FIRES_PER_PASS).toList();
    }

    /** True when the job's model gives its cycle without a start, so the engine inserted one (see ExpectedFires). */
    private boolean startInserted(StartTimer timer) {
        if (timer.repeat() == null || !timer.repeat().startsWith("R")) {
            return false;
        }
        return startInserted.computeIfAbsent(timer.definitionId(), id -> {
            Schedule schedule = Schedule.of(engine.getRepositoryService().getBpmnModelInstance(id), timer.jobKey());
            return schedule.expression() != null
                    && schedule.expression().startsWith("R")
                    && schedule.expression().split("/").length == 2;
        });
    }

    private static void setWatermark(Connection connection, String jobKey, Instant until) throws SQLException {
        try (var update =
                connection.prepareStatement("UPDATE cf_fire_watermark SET reconciled_until = ? WHERE job_key = ?")) {
            update.setObject(1, FireTable.time(until));
            update.setString(2, jobKey);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (var insert = connection.prepareStatement(
                "INSERT INTO cf_fire_watermark (job_key, reconciled_until) VALUES (?, ?)")) {
            insert.setString(1, jobKey);
            insert.setObject(2, FireTable.time(until));
            insert.executeUpdate();
        }
    }
}
