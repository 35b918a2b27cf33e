package io.chronoflow.worker.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this worker's registry entry alive: each heartbeat rewrites the entry with a TTL and moves the worker up in the
 * index. A worker that stops heart-beating (killed, partitioned) disappears when the TTL runs out; a graceful stop
 * removes the entry at once.
 */
public final class WorkerRegistration {

    private static final Logger log = LoggerFactory.getLogger(WorkerRegistration.class);

    private final RedissonClient redisson;
    private final RegistryKeys keys;
    private final Duration ttl;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile boolean failing;

    public WorkerRegistration(
            RedissonClient redisson, RegistryKeys keys, Duration ttl, ObjectMapper json, Clock clock) {
        this.redisson = redisson;
        this.keys = keys;
        this.ttl = ttl;
        this.json = json;
        this.clock = clock;
    }

    /** Writes the entry; a Redis failure is logged once per outage and retried at the next heartbeat. */
    public void heartbeat(Supplier<WorkerRecord> snapshot) {
        try {
            WorkerRecord record = snapshot.get();
            RBatch batch = redisson.createBatch();
            batch.getBucket(keys.worker(record.id()), StringCodec.INSTANCE)
                    .setAsync(json.writeValueAsString(record), ttl);
            batch.getScoredSortedSet(keys.index(), StringCodec.INSTANCE).addAsync(clock.millis(), record.id());
            batch.execute();
            if (failing) {
                log.info("registry heartbeats reach Redis again");
                failing = false;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("worker record cannot be written as JSON", e);
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("CF-WORKER-006 registry heartbeat failed, Redis unreachable: {}", e.toString());
                failing = true;
            }
        }
    }

    /** Removes the entry at once (graceful shutdown). */
    public void deregister(String workerId) {
        try {
            RBatch batch = redisson.createBatch();
            batch.getBucket(keys.worker(workerId), StringCodec.INSTANCE).deleteAsync();
            batch.getScoredSortedSet(keys.index(), StringCodec.INSTANCE).removeAsync(workerId);
            batch.execute();
        } catch (RuntimeException e) {
            log.debug("could not deregister {}; its entry expires by itself", workerId, e);
        }
    }
}
