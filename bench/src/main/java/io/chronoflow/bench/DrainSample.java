package io.chronoflow.bench;

/**
 * One drain of one system: how long creating and holding the jobs took ({@code loadSeconds}; for Chronoflow with
 * starting its workers), how long the jobs took from release to the last one finished, PostgreSQL's committed
 * transactions in the system's database meanwhile (the harness's own progress queries taken out), and CPU time in
 * milliseconds: of the harness's JVM alone, of the system (the harness's JVM, where the peers run, plus the system's
 * own processes) and of the PostgreSQL server (NaN when it could not be measured: PostgreSQL restarted meanwhile).
 */
record DrainSample(
        int jobs,
        double seconds,
        double loadSeconds,
        long commits,
        double benchCpuMillis,
        double systemCpuMillis,
        double postgresCpuMillis,
        boolean complete) {

    double jobsPerSecond() {
        return seconds <= 0 ? 0 : jobs / seconds;
    }

    double commitsPerJob() {
        return (double) commits / jobs;
    }

    double systemCpuMillisPerJob() {
        return systemCpuMillis / jobs;
    }

    double postgresCpuMillisPerJob() {
        return postgresCpuMillis / jobs;
    }
}
