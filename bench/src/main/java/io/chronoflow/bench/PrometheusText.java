package io.chronoflow.bench;

/** Reads sample values out of the Prometheus text exposition format, as {@code /actuator/prometheus} serves it. */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * The sum of every sample of the metric {@code name} (exactly that name) in {@code text} whose labels include all of
     * {@code labels} (each as written, e.g. {@code outcome="completed"}); 0 when there is none.
     */
    static double sum(String text, String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            String labelSet = "";
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                labelSet = rest.substring(0, close + 1);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            if (!hasAll(labelSet, labels)) {
                continue;
            }
            String[] tokens = rest.trim().split("\\s+");
            if (tokens.length > 0 && !tokens[0].isEmpty()) {
                sum += Double.parseDouble(tokens[0]);
            }
        }
        return sum;
    }

    private static boolean hasAll(String labelSet, String[] labels) {
        for (String label : labels) {
            if (!labelSet.contains("{" + label) && !labelSet.contains("," + label)) {
                return false;
            }
        }
        return true;
    }
}
