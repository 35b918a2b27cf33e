package io.chronoflow.bench;

/**
 * One run of the items scenario on one system: {@code items} rows to write, the seconds from the release to the last
 * item written (by its {@code processed_at}), the system's own wall time if it keeps one (NaN otherwise), PostgreSQL's
 * committed transactions in the system's databases meanwhile (the harness's own queries taken out), CPU milliseconds of
 * the system (the harness's JVM, where db-scheduler runs, plus the system's processes) and of the PostgreSQL server, and
 * how many items were written exactly once and how many more than once.
 */
record ItemsSample(
        String system,
        String shape,
        int items,
        double seconds,
        double ownSeconds,
        long commits,
        double systemCpuMillis,
        double postgresCpuMillis,
        long writtenOnce,
        long writtenMoreThanOnce) {

    /** Every item written, none twice. */
    boolean complete() {
        return writtenOnce == items && writtenMoreThanOnce == 0;
    }

    double itemsPerSecond() {
        return seconds > 0 ? items / seconds : 0;
    }

    double commitsPerItem() {
        return (double) commits / items;
    }

    double systemCpuMillisPerItem() {
        return systemCpuMillis / items;
    }

    double postgresCpuMillisPerItem() {
        return postgresCpuMillis / items;
    }
}
