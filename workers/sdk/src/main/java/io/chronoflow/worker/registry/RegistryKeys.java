package io.chronoflow.worker.registry;

/**
 * The Redis keys of the worker registry: one string per worker holding its {@link WorkerRecord} as JSON with a TTL,
 * and a sorted set indexing the worker ids by last heartbeat (so listing needs no SCAN).
 */
public record RegistryKeys(String prefix) {

    public String index() {
        return prefix + ":workers";
    }

    public String worker(String workerId) {
        return prefix + ":worker:" + workerId;
    }
}
