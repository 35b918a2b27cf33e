package io.chronoflow.engine.dispatch;

/**
 * What routing knows of a task waiting to be handed out.
 *
 * @param id the external task id.
 * @param topic its topic.
 * @param businessKey the run's business key, or null (consistent hash falls back to the run id).
 * @param processInstanceId the run.
 * @param shardIndex the shard index of a sharded task, or null.
 */
public record RoutedTask(String id, String topic, String businessKey, String processInstanceId, Integer shardIndex) {

    /** The key consistent hashing places on the ring: the business key, else the run. */
    public String affinityKey() {
        return businessKey != null && !businessKey.isEmpty() ? businessKey : processInstanceId;
    }
}
