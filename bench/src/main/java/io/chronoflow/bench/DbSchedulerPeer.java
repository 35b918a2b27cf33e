package io.chronoflow.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * db-scheduler in the harness's JVM on a database of its own, configured as its documentation recommends for
 * throughput on PostgreSQL: the lock-and-fetch polling strategy ({@code SELECT ... FOR UPDATE SKIP LOCKED}, re-polling
 * at once while at least half the threads' worth came back), {@value #THREADS} threads, a 1 s polling interval and
 * immediate execution of jobs scheduled due now. Its table is the one its documentation gives for PostgreSQL.
 */
final class DbSchedulerPeer extends InJvmScheduler {

    static final int THREADS = 10;
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);
    private static final String DRAIN_TASK = "bench-drain";
    private static final String TIMER_TASK = "bench-timer";
    private static final String ITEM_TASK = "bench-item";
    /** One item of the items scenario: the same write as the example handler's batches, for one row. */
    private static final String WRITE_ITEM = "UPDATE items SET processed_at = ?, processed_by = 'db-scheduler',"
            + " writes = writes + 1 WHERE id = ? AND processed_at IS NULL";

    private final OneTimeTask<Void> drain = Tasks.oneTime(DRAIN_TASK).execute((instance, context) -> {});
    private final OneTimeTask<Void> timer = Tasks.oneTime(TIMER_TASK)
            .execute((instance, context) ->
                    recorder.record(instance.getId(), context.getExecution().executionTime, Instant.now()));
    private final OneTimeTask<Void> item =
            Tasks.oneTime(ITEM_TASK).execute((instance, context) -> writeItem(Long.parseLong(instance.getId())));
    private final Scheduler scheduler;
    private boolean started;

    private DbSchedulerPeer(Options options, String database, int idleConnections) {
        // Pool: the executor threads, the polling thread and a few for the harness and housekeeping.
        super(SystemId.DB_SCHEDULER, PeerDatabase.recreate(options, database, THREADS + 3, idleConnections));
        db.execute(
                "create table scheduled_tasks (task_name text not null, task_instance text not null,"
                        + " task_data bytea, execution_time timestamptz not null, picked boolean not null,"
                        + " picked_by text, last_success timestamptz, last_failure timestamptz,"
                        + " consecutive_failures int, last_heartbeat timestamptz, version bigint not null,"
                        + " priority smallint, primary key (task_name, task_instance))",
                "create index execution_time_idx on scheduled_tasks (execution_time)",
                "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)",
                "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
        this.scheduler = Scheduler.create(db.dataSource(), drain, timer, item)
                .threads(THREADS)
                .pollingInterval(POLLING_INTERVAL)
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .build();
    }

    /** A scheduler, not yet started, on the drain database. */
    static DbSchedulerPeer forDrain(Options options) {
        return new DbSchedulerPeer(options, SystemId.database(SystemId.DB_SCHEDULER), THREADS + 3);
    }

    /** A running scheduler for the timer scenarios, on a database of its own. */
    static DbSchedulerPeer forTimers(Options options) {
        DbSchedulerPeer peer =
                new DbSchedulerPeer(options, SystemId.timersDatabase(SystemId.DB_SCHEDULER), TIMERS_IDLE_CONNECTIONS);
        peer.release();
        return peer;
    }

    /**
     * A scheduler, not yet started, for the items scenario on a database of its own, which also holds the table {@code
     * items} (created by the caller).
     */
    static DbSchedulerPeer forItems(Options options) {
        return new DbSchedulerPeer(options, itemsDatabase(), THREADS + 3);
    }

    static String itemsDatabase() {
        return SystemId.database(SystemId.DB_SCHEDULER) + "_items";
    }

    @Override
    public void load(int jobs) {
        scheduleNow(jobs, i -> drain.instance("job-" + i));
    }

    /** One one-time task per item, due now, for the items 1..items; then {@code ANALYZE}. */
    void scheduleItems(int items) {
        scheduleNow(items, i -> item.instance(Long.toString(i + 1)));
    }

    /** Item tasks not yet done: one query, one transaction. */
    long remainingItems() {
        return db.count("select count(*) from scheduled_tasks where task_name = '" + ITEM_TASK + "'");
    }

    private void scheduleNow(int count, IntFunction<TaskInstance<?>> instance) {
        Instant now = Instant.now();
        for (int from = 0; from < count; from += TimerBatches.SIZE) {
            List<TaskInstance<?>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + TimerBatches.SIZE); i++) {
                batch.add(instance.apply(i));
            }
            scheduler.scheduleBatch(batch, now);
        }
        db.analyze();
    }

    private void writeItem(long id) {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement update = c.prepareStatement(WRITE_ITEM)) {
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("item " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void release() {
        scheduler.start();
        started = true;
    }

    @Override
    public long remaining() {
        return db.count("select count(*) from scheduled_tasks where task_name = '" + DRAIN_TASK + "'");
    }

    @Override
    public int creationRate() {
        return 5_000;
    }

    @Override
    public int schedule(String run, List<Instant> dues) {
        return TimerBatches.create(dues, (from, to) -> {
            List<SchedulableInstance<?>> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(SchedulableInstance.of(timer.instance(LagRecorder.timerId(run, i)), dues.get(i)));
            }
            scheduler.scheduleBatch(batch);
        });
    }

    @Override
    public void close() {
        if (started) {
            started = false;
            scheduler.stop();
        }
        db.close();
    }
}
