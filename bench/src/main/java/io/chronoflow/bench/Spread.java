package io.chronoflow.bench;

import java.util.Arrays;
import java.util.List;

/** The median and the range of a measurement over repetitions; values that could not be measured (NaN) are left out. */
record Spread(double median, double min, double max, int samples) {

    static Spread of(List<Double> values) {
        double[] sorted = values.stream()
                .mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v))
                .toArray();
        if (sorted.length == 0) {
            return new Spread(0, 0, 0, 0);
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** {@code 1,234} or, over several samples, {@code 1,234 (1,100–1,300)}, with {@code decimals} decimals; no samples: –. */
    String format(int decimals) {
        if (samples == 0) {
            return "–";
        }
        String pattern = "%,." + decimals + "f";
        String m = pattern.formatted(median);
        return samples <= 1 ? m : m + " (" + pattern.formatted(min) + "–" + pattern.formatted(max) + ")";
    }
}
