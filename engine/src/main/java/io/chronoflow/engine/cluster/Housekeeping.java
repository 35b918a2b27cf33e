package io.chronoflow.engine.cluster;

import io.chronoflow.engine.scheduling.JobLocks;
import io.chronoflow.worker.registry.WorkerDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Singleton housekeeping, done by the leader only, every 2 s:
 *
 * <ul>
 *   <li>workers whose registry entries expired (they stopped heart-beating) are forgotten, and the external tasks
 *       still locked to them are unlocked at once, so other workers take them without waiting for the locks to run
 *       out;
 *   <li>engine nodes that stopped heart-beating without leaving (killed, frozen, cut off) have the jobs they had
 *       acquired handed back, so the other nodes run them within their next acquisition rather than after the job
 *       lock time, and are forgotten.
 * </ul>
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final LeaderLease lease;
    private final WorkerDirectory workers;
    private final ExternalTaskService externalTasks;
    private final ClusterMembership membership;
    private final JobLocks jobLocks;
    private final Clock clock;

    public Housekeeping(
            LeaderLease lease,
            WorkerDirectory workers,
            ExternalTaskService externalTasks,
            ClusterMembership membership,
            JobLocks jobLocks,
            Clock clock) {
        this.lease = lease;
        this.workers = workers;
        this.externalTasks = externalTasks;
        this.membership = membership;
        this.jobLocks = jobLocks;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    public void run() {
        if (!lease.isLeader()) {
            return;
        }
        try {
            unlockTasksOfDepartedWorkers();
            releaseJobsOfDepartedNodes();
        } catch (RuntimeException e) {
            log.debug("housekeeping round failed, next in 2 s: {}", e.toString());
        }
    }

    private void unlockTasksOfDepartedWorkers() {
        for (String worker : workers.departed()) {
            List<ExternalTask> locked = externalTasks
                    .createExternalTaskQuery()
                    .workerId(worker)
                    .locked()
                    .list();
            locked.forEach(task -> externalTasks.unlock(task.getId()));
            log.info("worker {} left the registry; unlocked its {} task(s)", worker, locked.size());
        }
    }

    private void releaseJobsOfDepartedNodes() {
        for (ClusterMembership.EngineNode node : membership.departed()) {
            int released = node.jobLockOwner() == null ? 0 : jobLocks.release(node.jobLockOwner());
            membership.forget(node.id());
            log.warn(
                    "CF-CLUSTER-002 engine node {} stopped heart-beating {} s ago without leaving;"
                            + " handed back the {} job(s) it had acquired",
                    node.id(),
                    Duration.between(node.lastSeen(), clock.instant()).toSeconds(),
                    released);
        }
    }
}
