package io.chronoflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM uses after a full garbage collection, asked of it with the JDK's {@code jcmd}: {@code GC.run}
 * ({@code System.gc()}, a full collection under every collector but the concurrent ones told otherwise), then
 * {@code GC.heap_info}.
 */
final class HeapInfo {

    /** A heap line: {@code garbage-first heap total 14336K, used 2885K [...]} (one per generation for some GCs). */
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private HeapInfo() {}

    /** The used heap in KiB that {@code GC.heap_info} printed: the sum over its heap lines (metaspace excluded). */
    static long usedKib(String heapInfo) {
        Matcher m = HEAP.matcher(heapInfo);
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalArgumentException("no heap line in GC.heap_info output: " + heapInfo);
        }
        return used;
    }

    /** Collects the garbage of JVM {@code pid} twice, then returns its used heap in KiB. */
    static long usedAfterGc(long pid) {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        return usedKib(jcmd(pid, "GC.heap_info"));
    }

    private static String jcmd(long pid, String command) {
        Path jdk = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String jcmd = Files.isExecutable(jdk) ? jdk.toString() : "jcmd";
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd (a JDK's, not a JRE's, java runs the harness?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
