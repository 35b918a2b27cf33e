package io.chronoflow.worker.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Reads the live workers from the registry. An id whose entry has expired is dropped from the index as it is found, so
 * the index does not grow with dead workers.
 */
public final class WorkerDirectory {

    private final RedissonClient redisson;
    private final RegistryKeys keys;
    private final ObjectMapper json;

    public WorkerDirectory(RedissonClient redisson, RegistryKeys keys, ObjectMapper json) {
        this.redisson = redisson;
        this.keys = keys;
        this.json = json;
    }

    /** Every worker whose entry has not expired, by id (expired ones stay indexed until {@link #departed()}). */
    public List<WorkerRecord> live() {
        RScoredSortedSet<String> index = redisson.getScoredSortedSet(keys.index(), StringCodec.INSTANCE);
        Collection<String> ids = index.readAll();
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] entryKeys = ids.stream().map(keys::worker).toArray(String[]::new);
        Map<String, String> entries = redisson.getBuckets(StringCodec.INSTANCE).get(entryKeys);
        List<WorkerRecord> live = new ArrayList<>();
        for (String id : ids) {
            String entry = entries.get(keys.worker(id));
            if (entry != null) {
                live.add(read(entry));
            }
        }
        live.sort(Comparator.comparing(WorkerRecord::id));
        return live;
    }

    /**
     * The workers whose entries expired since the last call (they stopped heart-beating: crashed, killed, cut off),
     * removed from the index so that each departure is reported once.
     */
    public List<String> departed() {
        RScoredSortedSet<String> index = redisson.getScoredSortedSet(keys.index(), StringCodec.INSTANCE);
        Collection<String> ids = index.readAll();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> entries = redisson.getBuckets(StringCodec.INSTANCE)
                .get(ids.stream().map(keys::worker).toArray(String[]::new));
        List<String> departed = new ArrayList<>();
        for (String id : ids) {
            if (entries.get(keys.worker(id)) == null && index.remove(id)) {
                departed.add(id);
            }
        }
        return departed;
    }

    private WorkerRecord read(String entry) {
        try {
            return json.readValue(entry, WorkerRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable worker registry entry: " + e.getOriginalMessage(), e);
        }
    }
}
