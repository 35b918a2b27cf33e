package io.chronoflow.engine.security;

import java.util.Set;

/**
 * An authenticated worker credential: its id, and the topics it may work on (empty means every topic).
 *
 * @param id the credential's id (an engine user in the {@code workers} group, or the in-process worker).
 * @param topics the topics it is limited to; empty for no limit.
 */
public record WorkerPrincipal(String id, Set<String> topics) {

    public WorkerPrincipal {
        topics = Set.copyOf(topics);
    }

    /** True when this credential may fetch or report tasks of {@code topic}. */
    public boolean mayWorkOn(String topic) {
        return topics.isEmpty() || topics.contains(topic);
    }

    @Override
    public String toString() {
        return id;
    }
}
