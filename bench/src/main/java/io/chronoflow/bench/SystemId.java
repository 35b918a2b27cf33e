package io.chronoflow.bench;

/** The names of the systems under test, as the command line, the report and the databases use them. */
final class SystemId {

    static final String RAW_SQL = "raw-sql";
    static final String DB_SCHEDULER = "db-scheduler";
    static final String QUARTZ = "quartz";
    static final String CHRONOFLOW = "chronoflow";
    static final String DEFAULTS = "camunda-defaults";
    /** Vanilla Camunda 7 with its official external-task client, as shipped but for maxTasks. */
    static final String CAMUNDA = "camunda";
    /** Vanilla Camunda 7 with its official external-task client, tuned per Camunda's docs. */
    static final String CAMUNDA_TUNED = "camunda-tuned";

    private SystemId() {}

    /** The PostgreSQL database a system uses alone: {@code chronoflow_bench_<system>}. */
    static String database(String system) {
        return "chronoflow_bench_" + system.replace('-', '_');
    }

    /**
     * The database of an in-process peer's timer scenarios, apart from its drain database: in quick mode the idle
     * scenario waits while the drains run.
     */
    static String timersDatabase(String system) {
        return database(system) + "_timers";
    }
}
