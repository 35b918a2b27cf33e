package io.chronoflow.engine.cluster;

import io.chronoflow.worker.registry.WorkerDirectory;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Singleton housekeeping, done by the leader only: workers whose registry entries expired (they stopped
 * heart-beating) are forgotten, and the external tasks still locked to them are unlocked at once, so other workers
 * take them without waiting for the locks to run out.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final LeaderLease lease;
    private final WorkerDirectory workers;
    private final ExternalTaskService externalTasks;
    private final ClusterMembership membership;

    public Housekeeping(
            LeaderLease lease,
            WorkerDirectory workers,
            ExternalTaskService externalTasks,
            ClusterMembership membership) {
        this.lease = lease;
        this.workers = workers;
        this.externalTasks = externalTasks;
        this.membership = membership;
    }

    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    public void run() {
        if (!lease.isLeader()) {
            return;
        }
        try {
            for (String worker : workers.departed()) {
                List<ExternalTask> locked = externalTasks
                        .createExternalTaskQuery()
                        .workerId(worker)
                        .locked()
                        .list();
                locked.forEach(task -> externalTasks.unlock(task.getId()));
                log.info("worker {} left the registry; unlocked its {} task(s)", worker, locked.size());
            }
            membership.nodes(); // forgets engine nodes gone long ago
        } catch (RuntimeException e) {
            log.debug("housekeeping round failed, next in 2 s: {}", e.toString());
        }
    }
}
