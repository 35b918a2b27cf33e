package io.chronoflow.engine.fires;

import io.chronoflow.engine.config.OptionValue;

/** How an expected timer fire went (docs/fire-audit.md). */
public enum FireStatus {
    /** Its run started within the late threshold ({@code chronoflow.fire-audit.late-threshold}, 1 s by default). */
    ON_TIME("on-time"),
    /** Its run started, after the late threshold. */
    LATE("late"),
    /** No run started within the grace period ({@code chronoflow.fire-audit.grace}, 30 s by default). */
    MISSED("missed"),
    /** The job's misfire or overlap policy decided against a run; the reason says which. */
    SKIPPED_BY_POLICY("skipped-by-policy"),
    /** Due while the job was paused. */
    PAUSED("paused"),
    /** Waiting behind an active run ({@code chronoflow.overlap=queue}); becomes on-time or late when its run starts. */
    QUEUED("queued"),
    /**
     * Not a status of a fire but a query for fires that something tried to start a second run of (refused by the
     * ledger's unique key); the fire itself keeps the status of its one run.
     */
    DUPLICATE_REFUSED("duplicate-refused");

    private final String id;

    FireStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The status named {@code id}; unknown names are refused naming the valid ones. */
    public static FireStatus of(String id) {
        return OptionValue.of(FireStatus.class, FireStatus::id, "parameter 'status'", id, null);
    }

    /** The status of a fire whose run started {@code lagMillis} after its due time. */
    static FireStatus started(long lagMillis, long lateThresholdMillis) {
        return lagMillis > lateThresholdMillis ? LATE : ON_TIME;
    }
}
