package io.chronoflow.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A built Chronoflow jar (the engine or the worker app) running as a real operating-system process, for tests about
 * processes. Its output goes to {@code <name>.log} in its working directory; {@link #close()} stops it (SIGTERM, then
 * SIGKILL after a grace period) and {@link #kill()} kills it at once (SIGKILL, as {@code kill -9}).
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path workDir;
    private final Path logFile;
    private final int port;

    private ServiceProcess(Process process, Path workDir, Path logFile, int port) {
        this.process = process;
        this.workDir = workDir;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts {@code java -jar jar} in {@code workDir} with exactly the environment given (none inherited) and the port
     * as a command-line argument.
     */
    public static ServiceProcess start(Path jar, Path workDir, Map<String, String> environment, List<String> args) {
        return start("engine", jar, workDir, environment, args);
    }

    /** As {@link #start(Path, Path, Map, List)}, logging to {@code <name>.log}. */
    public static ServiceProcess start(
            String name, Path jar, Path workDir, Map<String, String> environment, List<String> args) {
        return start(name, jar, workDir, environment, args, freePort());
    }

    /** As {@link #start(String, Path, Path, Map, List)}, on the given port (a restarted service keeps its address). */
    public static ServiceProcess start(
            String name, Path jar, Path workDir, Map<String, String> environment, List<String> args, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(builder.start(), workDir, workDir.resolve(name + ".log"), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until {@code /actuator/health} answers 200; fails early, with the log, if the process exits. */
    public ServiceProcess awaitHealthy(Duration timeout) {
        return awaitHealthy(timeout, "/actuator/health");
    }

    /**
     * Waits until {@code path} answers 200, for services without Spring Boot's actuator (e.g. {@code
     * /engine-rest/engine} of a plain Camunda); fails early, with the log, if the process exits.
     */
    public ServiceProcess awaitHealthy(Duration timeout, String path) {
        EngineHttp http = EngineHttp.anonymous(baseUrl());
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("engine exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                return http.get(path).statusCode() == 200;
            } catch (UncheckedIOException notYetListening) {
                return false;
            }
        });
        return this;
    }

    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public String logTail() {
        String log = log();
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is deregistered or unlocked. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public int port() {
        return port;
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
