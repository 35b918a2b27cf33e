package io.chronoflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The machine's practical limit for a database-backed job queue: one table, and per job three commits: insert, claim
 * (the oldest due row, {@code FOR UPDATE SKIP LOCKED}), delete, by {@value #THREADS} threads as the peers have. The
 * insert happens in {@link #load}, so a drain counts two commits per job.
 */
final class RawSqlQueue implements DrainTarget {

    static final int THREADS = 10;
    private static final String CLAIM = "update bench_job set picked_by = ? where id = (select id from bench_job"
            + " where picked_by is null and due <= now() order by due limit 1 for update skip locked) returning id";

    private final PeerDatabase db;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    RawSqlQueue(Options options) {
        this.db = PeerDatabase.recreate(options, SystemId.database(SystemId.RAW_SQL), THREADS);
        db.execute(
                "create table bench_job (id bigserial primary key, due timestamptz not null, picked_by text)",
                "create index bench_job_due on bench_job (due) where picked_by is null");
    }

    @Override
    public String system() {
        return SystemId.RAW_SQL;
    }

    @Override
    public String database() {
        return db.name();
    }

    /** One insert, one commit, per job, from all threads. */
    @Override
    public void load(int jobs) {
        runOnAllThreads(thread -> {
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement insert = c.prepareStatement("insert into bench_job (due) values (now())")) {
                for (int i = thread; i < jobs; i += THREADS) {
                    insert.executeUpdate();
                }
            }
        });
        db.analyze();
    }

    @Override
    public void reportCommits() {
        db.closeIdleConnections();
    }

    @Override
    public void release() {
        for (int i = 0; i < THREADS; i++) {
            String worker = "raw-" + i;
            threads.submit(() -> {
                consume(worker);
                return null;
            });
        }
    }

    private void consume(String worker) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement claim = c.prepareStatement(CLAIM);
                PreparedStatement delete = c.prepareStatement("delete from bench_job where id = ?")) {
            claim.setString(1, worker);
            while (!Thread.currentThread().isInterrupted()) {
                long id;
                try (ResultSet row = claim.executeQuery()) {
                    if (!row.next()) {
                        return; // every job is claimed: they were all created before the release
                    }
                    id = row.getLong(1);
                }
                delete.setLong(1, id);
                delete.executeUpdate();
            }
        }
    }

    @Override
    public long remaining() {
        return db.count("select count(*) from bench_job");
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    private void runOnAllThreads(SqlWork work) {
        var futures = IntStream.range(0, THREADS)
                .mapToObj(i -> threads.submit(() -> {
                    work.run(i);
                    return null;
                }))
                .toList();
        for (var future : futures) {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException("raw-sql: loading failed", e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(int thread) throws SQLException;
    }
}
