package io.chronoflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes one test starts, each in its own folder under {@code workDir}: closed in reverse order, after which
 * their logs are kept under {@code target/e2e-logs/<test>/} for whoever reads a failure.
 */
public final class ProcessGroup implements AutoCloseable {

    private final Path workDir;
    private final String test;
    private final List<ServiceProcess> processes = new ArrayList<>();

    public ProcessGroup(Path workDir, String test) {
        this.workDir = workDir;
        this.test = test;
    }

    /** Starts {@code java -jar jar} as {@code name} (its log is {@code <name>.log}) with exactly {@code env}. */
    public ServiceProcess start(String name, Path jar, Map<String, String> env, List<String> args) {
        try {
            ServiceProcess process =
                    ServiceProcess.start(name, jar, Files.createDirectories(workDir.resolve(name)), env, args);
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #start(String, Path, Map, List)} on a given port, e.g. to restart a service at the same address. */
    public ServiceProcess start(String name, Path jar, Map<String, String> env, int port) {
        try {
            ServiceProcess process = ServiceProcess.start(
                    name, jar, Files.createDirectories(workDir.resolve(name)), env, List.of(), port);
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceProcess start(String name, Path jar, Map<String, String> env) {
        return start(name, jar, env, List.of());
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "e2e-logs", test));
            try (Stream<Path> files = Files.walk(workDir)) {
                for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
