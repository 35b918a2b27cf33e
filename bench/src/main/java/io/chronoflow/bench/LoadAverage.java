package io.chronoflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average over 1, 5 and 15 minutes, from {@code /proc/loadavg} (Linux), to tell a quiet run. */
final class LoadAverage {

    private LoadAverage() {}

    /** {@code "0.52 0.61 0.70"}, or {@code "unknown"} where the kernel does not say. */
    static String now() {
        try {
            return of(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The first three fields of a {@code /proc/loadavg} line. */
    static String of(String procLoadavg) {
        String[] fields = procLoadavg.trim().split("\\s+");
        if (fields.length < 3) {
            throw new IllegalArgumentException("not a /proc/loadavg line: " + procLoadavg);
        }
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
