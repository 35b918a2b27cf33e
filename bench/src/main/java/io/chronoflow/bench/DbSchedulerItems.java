package io.chronoflow.bench;

import java.time.Duration;
import java.util.List;

/**
 * db-scheduler's side of the items scenario: one one-time task per item, each updating its row, scheduled with {@code
 * scheduleBatch} before {@code start()}, by the scheduler configured as for the drain ({@link DbSchedulerPeer}), on a
 * database of its own that also holds the items.
 */
final class DbSchedulerItems implements ItemsTarget {

    private final DbSchedulerPeer peer;
    private final ItemTable table;

    DbSchedulerItems(Options options) {
        this.peer = DbSchedulerPeer.forItems(options);
        this.table = ItemTable.open(options, DbSchedulerPeer.itemsDatabase());
    }

    @Override
    public String system() {
        return SystemId.DB_SCHEDULER;
    }

    @Override
    public String shape() {
        return "a one-time task per item, %d threads, lock-and-fetch".formatted(DbSchedulerPeer.THREADS);
    }

    @Override
    public List<String> databases() {
        return List.of(peer.database());
    }

    @Override
    public ItemTable table() {
        return table;
    }

    @Override
    public void load(int items) {
        table.reload(items);
        peer.scheduleItems(items);
        peer.reportCommits();
    }

    @Override
    public void release() {
        peer.release();
    }

    @Override
    public boolean finished() {
        return peer.remainingItems() == 0;
    }

    @Override
    public Duration reportDelay() {
        return Duration.ofSeconds(3);
    }

    /** Stops the scheduler and closes its pool, so that its backends exit and report their counts at once. */
    @Override
    public void close() {
        table.close();
        peer.close();
    }
}
