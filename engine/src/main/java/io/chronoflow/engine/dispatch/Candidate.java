package io.chronoflow.engine.dispatch;

/**
 * A live worker as routing sees it.
 *
 * @param workerId the worker id.
 * @param weight its weight (weighted round-robin, consistent hash).
 * @param inFlight the tasks locked to it now (least-loaded).
 */
public record Candidate(String workerId, int weight, long inFlight) {}
