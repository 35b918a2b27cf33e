package io.chronoflow.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a set of lags in milliseconds (nearest-rank). */
record LagStats(int count, long p50, long p95, long p99, long max) {

    static LagStats of(List<Long> lagsMillis) {
        if (lagsMillis.isEmpty()) {
            return new LagStats(0, 0, 0, 0, 0);
        }
        long[] sorted = lagsMillis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new LagStats(
                sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
