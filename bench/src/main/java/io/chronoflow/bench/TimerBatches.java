package io.chronoflow.bench;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/** Creates timers in batches, in due order, counting those whose batch was done less than a second before they fell due. */
final class TimerBatches {

    static final int SIZE = 500;

    private TimerBatches() {}

    /** Calls {@code create(from, to)} for consecutive index ranges of {@code dues}; returns the late count. */
    static int create(List<Instant> dues, BiConsumer<Integer, Integer> create) {
        int late = 0;
        for (int from = 0; from < dues.size(); from += SIZE) {
            int to = Math.min(dues.size(), from + SIZE);
            create.accept(from, to);
            Instant fair = Instant.now().plusSeconds(1);
            for (int i = from; i < to; i++) {
                if (dues.get(i).isBefore(fair)) {
                    late++;
                }
            }
        }
        return late;
    }
}
