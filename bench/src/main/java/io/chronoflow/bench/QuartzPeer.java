package io.chronoflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz in the harness's JVM on a database of its own, configured as its documentation recommends for throughput with
 * a clustered JDBC job store: {@code JobStoreTX} with the PostgreSQL delegate, {@code isClustered=true},
 * {@value #THREADS} threads, batch trigger acquisition of up to {@value #THREADS} triggers with {@code
 * acquireTriggersWithinLock=true}, a HikariCP pool of threads + 3. Its tables come from the {@code tables_postgres.sql}
 * shipped in the Quartz jar. The misfire threshold is raised to an hour so that drain jobs which waited for their
 * release are fired normally rather than through misfire handling. Lag is Quartz's own record: the trigger's fire time
 * minus its scheduled fire time.
 */
final class QuartzPeer extends InJvmScheduler {

    static final int THREADS = 10;
    private static final String DRAIN = "drain";
    private static final String TIMER = "timer";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scheduler scheduler;

    private QuartzPeer(Options options, String database, int idleConnections) {
        super(SystemId.QUARTZ, PeerDatabase.recreate(options, database, 2, Math.min(2, idleConnections)));
        db.execute(tables());
        try {
            scheduler = new StdSchedulerFactory(properties(options, db.name(), idleConnections)).getScheduler();
            scheduler.setJobFactory((bundle, s) -> fire());
        } catch (SchedulerException e) {
            db.close();
            throw new IllegalStateException("quartz: cannot create the scheduler", e);
        }
    }

    /** A scheduler, not yet started, on the drain database. */
    static QuartzPeer forDrain(Options options) {
        return new QuartzPeer(options, SystemId.database(SystemId.QUARTZ), THREADS + 3);
    }

    /** A running scheduler for the timer scenarios, on a database of its own. */
    static QuartzPeer forTimers(Options options) {
        QuartzPeer peer = new QuartzPeer(options, SystemId.timersDatabase(SystemId.QUARTZ), TIMERS_IDLE_CONNECTIONS);
        peer.release();
        return peer;
    }

    private Job fire() {
        return context -> {
            if (TIMER.equals(context.getJobDetail().getKey().getGroup())) {
                recorder.record(
                        context.getJobDetail().getKey().getName(),
                        context.getScheduledFireTime().toInstant(),
                        context.getFireTime().toInstant());
            }
        };
    }

    private static Properties properties(Options options, String database, int idleConnections) {
        int n = INSTANCES.incrementAndGet();
        String dataSource = "bench" + n;
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "chronoflow-bench-" + n);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "3600000");
        String ds = "org.quartz.dataSource." + dataSource + ".";
        p.setProperty(ds + "provider", "hikaricp");
        p.setProperty(ds + "driver", "org.postgresql.Driver");
        p.setProperty(ds + "URL", options.dbServer() + database);
        p.setProperty(ds + "user", options.dbUser());
        p.setProperty(ds + "password", "");
        p.setProperty(ds + "maxConnections", Integer.toString(THREADS + 3));
        // Passed on to HikariCP as a bean property.
        p.setProperty(ds + "minimumIdle", Integer.toString(idleConnections));
        return p;
    }

    /** The statements of Quartz's own {@code tables_postgres.sql}, without its comments and final commit. */
    private static String[] tables() {
        try (InputStream in =
                Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            if (in == null) {
                throw new IllegalStateException("tables_postgres.sql is not in the Quartz jar");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(script.split(";"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("commit"))
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void load(int jobs) {
        scheduleAll(DRAIN, "job", Collections.nCopies(jobs, Instant.now()));
        db.analyze();
    }

    @Override
    public void release() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("quartz: cannot start", e);
        }
    }

    @Override
    public long remaining() {
        return db.count("select count(*) from qrtz_triggers where trigger_group = '" + DRAIN + "'");
    }

    @Override
    public int creationRate() {
        return 2_000;
    }

    @Override
    public int schedule(String run, List<Instant> dues) {
        return scheduleAll(TIMER, run, dues);
    }

    /** One job with one fire-once trigger per due instant, {@link TimerBatches#SIZE} per transaction. */
    private int scheduleAll(String group, String run, List<Instant> dues) {
        return TimerBatches.create(dues, (from, to) -> {
            Map<JobDetail, Set<? extends Trigger>> batch = new LinkedHashMap<>();
            for (int i = from; i < to; i++) {
                String id = LagRecorder.timerId(run, i);
                // The job factory supplies the code (fire()); the stored class only has to be a Job.
                JobDetail job =
                        JobBuilder.newJob(Job.class).withIdentity(id, group).build();
                Trigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(id, group)
                        .startAt(Date.from(dues.get(i)))
                        .build();
                batch.put(job, Set.of(trigger));
            }
            try {
                scheduler.scheduleJobs(batch, false);
            } catch (SchedulerException e) {
                throw new IllegalStateException("quartz: scheduling failed", e);
            }
        });
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("quartz: shutdown failed", e);
        } finally {
            db.close();
        }
    }
}
