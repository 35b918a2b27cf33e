package io.chronoflow.bench;

import java.util.Map;

/**
 * The two vanilla-Camunda peers of the drain (bench/camunda-peer: Camunda 7 with its REST API, and the official Java
 * external-task client in a process of its own): the engine's history level and the client's {@code CAMUNDA_PEER_*}
 * settings (unset ones are the client's defaults: 10 tasks per fetch, lock 20 s, no long polling, exponential back-off
 * after an empty fetch from 500 ms doubling to 60 s). Every handler completes its task at once.
 */
enum CamundaTuning {
    /**
     * Camunda as shipped: history level full, one client. Only maxTasks is set, to 100 instead of the client's 10:
     * with 10 a fetch-and-lock (one transaction, one HTTP round trip) comes every 10 tasks, and the drain would mostly
     * measure that choice; 100 is the figure Camunda's docs use in their fetch-and-lock examples and what the peers'
     * table in DESIGN.md measured.
     */
    DEFAULTS(SystemId.CAMUNDA, "full", Map.of("CAMUNDA_PEER_CLIENTS", "1", "CAMUNDA_PEER_MAX_TASKS", "100")),
    /**
     * Tuned per Camunda's docs: history level none (no history rows per instance); four clients side by side in the
     * client process, each with its own HTTP connection pool and fetch thread, because a client runs its handlers one
     * by one on its fetch thread; 100 tasks per fetch each; long polling (asyncResponseTimeout) with the back-off off,
     * as the docs advise with long polling, so that a busy client fetches again at once. The long poll is 1 s: the
     * drain's release (activating suspended tasks) does not wake a waiting long poll — the engine wakes them only when
     * a task is created, else re-checks when the request times out — so the timeout bounds how late the drain starts.
     */
    TUNED(
            SystemId.CAMUNDA_TUNED,
            "none",
            Map.of(
                    "CAMUNDA_PEER_CLIENTS", "4",
                    "CAMUNDA_PEER_MAX_TASKS", "100",
                    "CAMUNDA_PEER_ASYNC_RESPONSE_TIMEOUT", "PT1S",
                    "CAMUNDA_PEER_BACKOFF", "none"));

    private final String system;
    private final String historyLevel;
    private final Map<String, String> clientEnv;

    CamundaTuning(String system, String historyLevel, Map<String, String> clientEnv) {
        this.system = system;
        this.historyLevel = historyLevel;
        this.clientEnv = clientEnv;
    }

    String system() {
        return system;
    }

    /** {@code CAMUNDA_PEER_HISTORY_LEVEL} of the engine. */
    String historyLevel() {
        return historyLevel;
    }

    /** The client process's settings beyond its base URL and topic. */
    Map<String, String> clientEnv() {
        return clientEnv;
    }
}
