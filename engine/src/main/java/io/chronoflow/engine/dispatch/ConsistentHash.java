package io.chronoflow.engine.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Places workers on a hash ring ({@value #POINTS_PER_WEIGHT} points per unit of weight) and sends a task to the owner
 * of its business key, so the same key always lands on the same worker while the set of workers is unchanged; when a
 * worker joins or leaves only about 1/N of the keys move. A key whose owner is busy waits for it.
 */
final class ConsistentHash implements Route {

    static final int POINTS_PER_WEIGHT = 160;

    private List<Candidate> ringOf = List.of();
    private TreeMap<Long, String> ring = new TreeMap<>();

    @Override
    public synchronized Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        if (live.isEmpty()) {
            return Optional.empty();
        }
        if (!live.equals(ringOf)) {
            ring = build(live);
            ringOf = List.copyOf(live);
        }
        return Optional.of(owner(ring, task.affinityKey()));
    }

    static TreeMap<Long, String> build(List<Candidate> workers) {
        TreeMap<Long, String> ring = new TreeMap<>();
        for (Candidate c : workers) {
            for (int i = 0; i < POINTS_PER_WEIGHT * Math.max(1, c.weight()); i++) {
                ring.put(hash(c.workerId() + "#" + i), c.workerId());
            }
        }
        return ring;
    }

    static String owner(TreeMap<Long, String> ring, String key) {
        SortedMap<Long, String> tail = ring.tailMap(hash(key));
        Map.Entry<Long, String> first =
                tail.isEmpty() ? ring.firstEntry() : Map.entry(tail.firstKey(), tail.get(tail.firstKey()));
        return first.getValue();
    }

    static long hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
