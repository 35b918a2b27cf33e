package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory: the engine's heap after a full garbage collection, before and after scheduling many timers due in ten years.
 * They are created fast through {@code /engine-rest} on the first node: each start of {@code bench-memory} schedules
 * {@value #BATCH} of them (a parallel multi-instance sub-process whose instances each wait at a timer), {@value #CALLS}
 * starts at a time. Both nodes are measured: the first created the timers, the second only shares the database.
 */
final class MemoryScenario {

    static final String MODEL = "bench-memory.bpmn";
    static final String PROCESS = "bench-memory";
    /** Timers per start: one transaction each, well within the HTTP timeout. */
    static final int BATCH = 1_000;

    private static final int CALLS = 2;

    private final EngineCluster cluster;
    private final Progress progress;

    /**
     * One node's heap around the scheduling.
     *
     * @param node which node, e.g. {@code node 1 (created them)}.
     * @param timers timers scheduled (found in the engine's job table afterwards).
     * @param beforeKib used heap after a full collection before, KiB.
     * @param afterKib the same after.
     */
    record Sample(String node, long timers, long beforeKib, long afterKib) {

        double beforeMib() {
            return beforeKib / 1024.0;
        }

        double afterMib() {
            return afterKib / 1024.0;
        }

        @JsonProperty
        double growthMib() {
            return (afterKib - beforeKib) / 1024.0;
        }

        /** Heap growth per scheduled timer, bytes (negative when the heap shrank meanwhile). */
        @JsonProperty
        double bytesPerTimer() {
            return timers == 0 ? Double.NaN : (afterKib - beforeKib) * 1024.0 / timers;
        }
    }

    MemoryScenario(EngineCluster cluster, Progress progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    List<Sample> run(int timers) {
        long[] before = heaps();
        progress.say(
                "%s: memory: heap after GC %s MiB; scheduling %,d timers due in ten years",
                cluster.system(), mib(before), timers);
        long started = System.nanoTime();
        schedule(timers);
        long scheduled = scheduledTimers();
        progress.say(
                "%s: memory: %,d timers scheduled in %.1f s",
                cluster.system(), scheduled, (System.nanoTime() - started) / 1e9);
        long[] after = heaps();
        List<Sample> samples = new ArrayList<>();
        for (int node = 0; node < before.length; node++) {
            String name = "node " + (node + 1) + (node == 0 ? " (created them)" : "");
            samples.add(new Sample(name, scheduled, before[node], after[node]));
        }
        samples.forEach(s -> progress.say(
                "%s: memory, %s: %.1f → %.1f MiB after GC, %+.0f bytes per timer",
                cluster.system(), s.node(), s.beforeMib(), s.afterMib(), s.bytesPerTimer()));
        return samples;
    }

    private long[] heaps() {
        long[] kib = new long[cluster.size()];
        for (int node = 0; node < kib.length; node++) {
            kib[node] = HeapInfo.usedAfterGc(cluster.pid(node));
        }
        return kib;
    }

    private static String mib(long[] kib) {
        List<String> each = new ArrayList<>();
        for (long k : kib) {
            each.add("%.1f".formatted(k / 1024.0));
        }
        return String.join(" / ", each);
    }

    private void schedule(int timers) {
        AtomicInteger done = new AtomicInteger();
        try (CallPool calls = new CallPool(CALLS)) {
            for (int from = 0; from < timers; from += BATCH) {
                int count = Math.min(BATCH, timers - from);
                calls.submit(() -> {
                    String id = cluster.start(0, PROCESS, body(count));
                    int n = done.addAndGet(count);
                    if (n % (10 * BATCH) == 0) {
                        progress.say("%s: memory: %,d of %,d timers scheduled", cluster.system(), n, timers);
                    }
                    return id;
                });
            }
            calls.awaitAll(cluster.system() + ": scheduling timers");
        }
    }

    private static ObjectNode body(int count) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode variable = body.putObject("variables").putObject("count");
        variable.put("value", count);
        variable.put("type", "Integer");
        return body;
    }

    private long scheduledTimers() {
        return cluster.query(
                "counting the scheduled timers",
                c -> RowCount.of(
                        c, "select count(*) from act_ru_job where type_ = 'timer' and process_def_key_ = ?", PROCESS));
    }
}
