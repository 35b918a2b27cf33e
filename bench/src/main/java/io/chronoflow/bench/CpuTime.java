package io.chronoflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far (user + system) by this JVM, by given processes, and by the PostgreSQL server: all of its
 * processes, and through the postmaster's reaped-children times also the backends that have exited since it started.
 * Read from {@code /proc} (Linux); elsewhere the PostgreSQL figure is zero. A PostgreSQL restart in between (a new
 * postmaster) makes the difference meaningless, typically negative.
 */
final class CpuTime {

    /** Linux reports /proc times in clock ticks of 1/100 s on every mainstream architecture. */
    private static final long TICK_NANOS = 10_000_000L;

    private CpuTime() {}

    static Duration benchJvm() {
        return of(ProcessHandle.current());
    }

    static Duration of(List<ProcessHandle> processes) {
        return processes.stream().map(CpuTime::of).reduce(Duration.ZERO, Duration::plus);
    }

    static Duration of(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** All processes named {@code postgres}: utime + stime + cutime + cstime. */
    static Duration postgres() {
        long ticks = 0;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path dir : entries.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .toList()) {
                ticks += postgresTicks(dir.resolve("stat"));
            }
        } catch (IOException e) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(ticks * TICK_NANOS);
    }

    private static long postgresTicks(Path stat) {
        try {
            return ticks(Files.readString(stat), "postgres");
        } catch (IOException | RuntimeException goneOrUnreadable) {
            return 0;
        }
    }

    /** The CPU ticks in one {@code /proc/<pid>/stat} line if its command is {@code command}, else 0. */
    static long ticks(String statLine, String command) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open || !statLine.substring(open + 1, close).equals(command)) {
            return 0;
        }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        // cutime cstime ...: the times are fields 11 to 14 counted from the state.
        String[] fields = statLine.substring(close + 2).split(" ");
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }
}
