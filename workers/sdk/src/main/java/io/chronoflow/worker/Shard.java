package io.chronoflow.worker;

import java.util.Set;

/**
 * One shard of a sharded task, held under the fenced lock {@code chronoflow:{jobKey}:shard:{index}}.
 *
 * @param jobKey the job (process definition key) the shard belongs to.
 * @param index the shard index, 0-based.
 * @param total how many shards the task has.
 * @param param the shard parameter from the model, or null.
 * @param fencingToken the lock's fencing token: strictly greater than the token of every earlier holder of this shard.
 *     Guard every write with it (see {@link io.chronoflow.worker.shard.FencedWrite}), so that a holder that lost its lock
 *     (a long GC pause, a network partition) cannot overwrite the work of the one that took over.
 */
public record Shard(String jobKey, int index, int total, String param, long fencingToken) {

    /** The variables a sharded task carries; a worker always fetches them, whatever its handler declares. */
    public static final Set<String> VARIABLES = Set.of("shardIndex", "shardTotal", "shardParam");
}
