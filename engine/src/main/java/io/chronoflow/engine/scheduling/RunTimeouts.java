package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.cluster.LeaderLease;
import io.chronoflow.engine.deployment.ActivityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces {@code chronoflow.timeout}: a run still active that long after it started is timed out — it gets an incident
 * of type {@value #INCIDENT_TYPE} saying so and is suspended, so its open external tasks are no longer handed out. An
 * operator resolves it in Cockpit (activate and retry, or cancel). The check runs every second on the node holding the
 * leader lease, so one node marks runs and none is marked twice; with no leader for a while (the holder died and its
 * lease has not expired yet) runs are marked late, not lost.
 */
@Component
public class RunTimeouts implements SmartLifecycle {

    public static final String PROPERTY = "chronoflow.timeout";
    public static final String INCIDENT_TYPE = "chronoflowTimeout";
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RunTimeouts.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ActivityProperties properties;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    public RunTimeouts(
            RepositoryService repository,
            RuntimeService runtime,
            HistoryService history,
            ActivityProperties properties,
            LeaderLease lease,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.properties = properties;
        this.leader = lease::isLeader;
        this.clock = clock;
    }

    /** On the leader, marks every run that has outlived its job's timeout; returns how many it marked. */
    public int check() {
        if (!leader.getAsBoolean()) {
            return 0;
        }
        int marked = 0;
        for (ProcessDefinition definition :
                repository.createProcessDefinitionQuery().latestVersion().list()) {
            Duration timeout = timeout(definition);
            if (timeout != null) {
                marked += markOverdue(definition.getKey(), timeout);
            }
        }
        return marked;
    }

    private int markOverdue(String key, Duration timeout) {
        Date startedBefore = Date.from(clock.instant().minus(timeout));
        int marked = 0;
        for (HistoricProcessInstance run : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(key)
                .unfinished()
                .startedBefore(startedBefore)
                .list()) {
            boolean already = runtime.createIncidentQuery()
                            .processInstanceId(run.getId())
                            .incidentType(INCIDENT_TYPE)
                            .count()
                    > 0;
            if (already) {
                continue;
            }
            // An incident belongs to an execution at an activity: the run's most recent still-open one.
            String executionId = history
                    .createHistoricActivityInstanceQuery()
                    .processInstanceId(run.getId())
                    .unfinished()
                    .orderByHistoricActivityInstanceStartTime()
                    .desc()
                    .list()
                    .stream()
                    .map(a -> a.getExecutionId())
                    .findFirst()
                    .orElse(run.getId());
            // One transaction: nobody sees the incident without the suspension, or the other way round.
            transactions.executeWithoutResult(status -> {
                runtime.createIncident(
                        INCIDENT_TYPE,
                        executionId,
                        timeout.toString(),
                        "run timed out: still active " + timeout + " after it started (chronoflow.timeout)");
                runtime.suspendProcessInstanceById(run.getId());
            });
            log.warn(
                    "CF-SCHED-002 run {} of job {} timed out after {}; suspended with an incident",
                    run.getId(),
                    key,
                    timeout);
            marked++;
        }
        return marked;
    }

    private Duration timeout(ProcessDefinition definition) {
        String value = properties.of(definition.getId(), definition.getKey()).get(PROPERTY);
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null; // refused at deployment since the check exists; older models are left alone
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cf-run-timeouts");
            t.setDaemon(true);
            return t;
        });
        long every = CHECK_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("CF-SCHED-003 run timeout check failed, retrying every {}: {}", CHECK_EVERY, e.toString());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
